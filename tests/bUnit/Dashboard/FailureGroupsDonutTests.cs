using Bunit;
using Switchboard.Infrastructure.Provisioning;
using Switchboard.Portal.Features.Dashboard;

namespace Switchboard.ComponentTests.Dashboard;

public sealed class FailureGroupsDonutTests : ComponentTestContext
{
    private static readonly DateTime Seen = new(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc);

    private static FailureGroupRow Group(int id, int open) =>
        new(id, $"Group {id}", $"google.account.create.{id}", open, open, Seen, Seen);

    private IRenderedComponent<FailureGroupsDonut> Render(ProvisioningSummary summary) =>
        Render<FailureGroupsDonut>(p => p.Add(c => c.Summary, summary));

    [Fact]
    public void GroupsBeyondTheNamedOnes_AreCountedAsMore_WithTheirOpenEnvelopes()
    {
        var donut = Render(new ProvisioningSummary(40, 3, [.. Enumerable.Range(1, 5).Select(i => Group(i, 6))], OtherGroups: 3, OtherOpen: 10));

        var more = donut.Find("[aria-label='More failure groups']");
        Assert.Contains("+3 more groups: 10 open", more.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal("/provisioning", more.QuerySelector("a")!.GetAttribute("href"));
    }

    [Fact]
    public void EachNamedGroup_HasALegendDotInItsSlicesColour_AndLinksToItsEnvelopes()
    {
        var donut = Render(new ProvisioningSummary(9, 0, [Group(7, 5), Group(8, 4)], 0, 0));

        var rows = donut.FindAll("[aria-label='Failure groups legend'] p");
        Assert.Equal(2, rows.Count);
        Assert.Equal(["background:#1E88E5", "background:#43A047"], rows.Select(r => r.QuerySelector(".legend-dot")!.GetAttribute("style")));
        Assert.Equal("/provisioning?group=7", rows[0].QuerySelector("a")!.GetAttribute("href"));
        Assert.Empty(donut.FindAll("[aria-label='More failure groups']"));
    }

    [Fact]
    public void NoOpenGroups_SaysSo_WithoutAChart()
    {
        var donut = Render(new ProvisioningSummary(0, 0, [], 0, 0));

        Assert.Contains("No open failures.", donut.Markup, StringComparison.Ordinal);
        Assert.Empty(donut.FindAll("[aria-label='Open envelopes by group']"));
    }
}
