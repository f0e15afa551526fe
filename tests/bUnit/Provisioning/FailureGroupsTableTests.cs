using Bunit;
using Switchboard.Domain.Access;
using Switchboard.Infrastructure.Provisioning;
using Switchboard.Portal.Features.Provisioning;

namespace Switchboard.ComponentTests.Provisioning;

public sealed class FailureGroupsTableTests : ComponentTestContext
{
    private static readonly DateTime Seen = new(2026, 11, 24, 7, 0, 0, DateTimeKind.Utc);

    private static readonly FailureGroupRow[] Groups =
    [
        new(1, "GoogleAccountAlreadyRegisteredInGram", "request.googleapps.user.create", 12, 4, Seen.AddDays(-2), Seen),
        new(2, "InvalidPayload", "request.googleapps.user.update", 3, 0, Seen.AddDays(-1), Seen.AddHours(-1)),
    ];

    private IRenderedComponent<FailureGroupsTable> Render(PortalRole role, Action<FailureGroupRow>? selected = null, Action<FailureGroupRow>? rerun = null)
    {
        SignInAs("someone", role);
        return Render<FailureGroupsTable>(p => p
            .Add(c => c.Groups, Groups)
            .Add(c => c.Selected, g => selected?.Invoke(g))
            .Add(c => c.RerunGroup, g => rerun?.Invoke(g)));
    }

    [Fact]
    public void EachGroup_ShowsItsErrorRoutingKeyAndCounts()
    {
        var table = Render(PortalRole.Viewer);

        var rows = table.FindAll("tbody tr");
        Assert.Equal(2, rows.Count);
        Assert.Contains("GoogleAccountAlreadyRegisteredInGram", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("request.googleapps.user.create", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Equal("4", rows[0].QuerySelector("[data-label='Open']")!.TextContent.Trim());
        Assert.Equal("12", rows[0].QuerySelector("[data-label='Failures']")!.TextContent.Trim());
    }

    [Fact]
    public void ClickingAGroup_SelectsIt()
    {
        FailureGroupRow? chosen = null;
        var table = Render(PortalRole.Viewer, selected: g => chosen = g);

        table.FindAll("tbody tr")[1].QuerySelector("a")!.Click();

        Assert.Equal(2, chosen?.Id);
    }

    [Fact]
    public void Operators_CanRerunAGroupWithOpenEnvelopes()
    {
        FailureGroupRow? rerun = null;
        var table = Render(PortalRole.Operator, rerun: g => rerun = g);

        table.Find("[aria-label='Rerun group GoogleAccountAlreadyRegisteredInGram']").Click();

        Assert.Equal(1, rerun?.Id);
        Assert.Empty(table.FindAll("[aria-label='Rerun group InvalidPayload']"));
    }

    [Fact]
    public void WithoutABroker_GroupRerunIsDisabled_SayingWhy()
    {
        SignInAs("someone", PortalRole.Operator);
        FailureGroupRow? rerun = null;
        var table = Render<FailureGroupsTable>(p => p
            .Add(c => c.Groups, Groups)
            .Add(c => c.RerunGroup, g => rerun = g)
            .Add(c => c.RerunBlockedBecause, "No broker is configured"));

        var button = table.Find("[aria-label='Rerun group GoogleAccountAlreadyRegisteredInGram']");

        Assert.True(button.HasAttribute("disabled"));
        Assert.Equal("No broker is configured", button.GetAttribute("title"));
        Assert.Null(rerun);
    }

    [Fact]
    public void Viewers_SeeNoGroupActions() =>
        Assert.Empty(Render(PortalRole.Viewer).FindAll("[aria-label^='Rerun group']"));

    [Fact]
    public void NoGroups_SaysWhereFailuresComeFrom()
    {
        SignInAs("someone", PortalRole.Viewer);
        var table = Render<FailureGroupsTable>(p => p.Add(c => c.Groups, []).Add(c => c.OnlyOpen, true));

        Assert.Contains("No open failures", table.Markup, StringComparison.Ordinal);
        Assert.Contains("POST /api/provisioning/messages", table.Markup, StringComparison.Ordinal);
    }
}
