using Bunit;
using Switchboard.Infrastructure.Mattermost;
using Switchboard.Portal.Features.Mattermost;

namespace Switchboard.ComponentTests.Mattermost;

public sealed class TokenStateCellTests : ComponentTestContext
{
    private static readonly DateTime Created = new(2026, 11, 2, 9, 0, 0, DateTimeKind.Utc);

    private static TokenPersonRow Row(bool hasToken, string? notEligibleBecause) =>
        new(1, "eva", "eva@example.test", hasToken, hasToken ? Created : null, hasToken ? Created.AddDays(90) : null, null, null, notEligibleBecause);

    [Fact]
    public void PersonOutsideTheRule_IsMarkedWithTheReason_NotAsMissing()
    {
        var cell = Render<TokenStateCell>(p => p.Add(c => c.Row, Row(hasToken: false, "state LEFT is a leaver state")));

        Assert.NotNull(cell.Find("[aria-label='Not eligible: state LEFT is a leaver state']"));
        Assert.Contains("not eligible: state LEFT is a leaver state", cell.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("missing", cell.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void DisabledPersonWithAnOldToken_ShowsTheTokenAndTheReason()
    {
        var cell = Render<TokenStateCell>(p => p.Add(c => c.Row, Row(hasToken: true, "disabled")));

        Assert.Contains("since 2026-11-02, until 2027-01-31", cell.Markup, StringComparison.Ordinal);
        Assert.NotNull(cell.Find("[aria-label='Not eligible: disabled']"));
    }

    [Fact]
    public void EligiblePersonWithoutToken_IsMissing()
    {
        var cell = Render<TokenStateCell>(p => p.Add(c => c.Row, Row(hasToken: false, null)));

        Assert.Contains("missing", cell.Markup, StringComparison.Ordinal);
        Assert.Empty(cell.FindAll("[aria-label^='Not eligible']"));
    }
}
