using Bunit;
using Switchboard.Domain.Access;
using Switchboard.Domain.Listeners;
using Switchboard.Infrastructure.Listeners;
using Switchboard.Portal.Features.Listeners;

namespace Switchboard.ComponentTests.Listeners;

public sealed class ListenerCardTests : ComponentTestContext
{
    private static readonly DateTime Since = new(2026, 11, 24, 7, 0, 0, DateTimeKind.Utc);

    private static DeploymentView Deployment(ListenerState state, int replicas = 2, int? mailboxes = 80) => new(
        "main", "http://listener:8080", state, state == ListenerState.Unknown ? null : Since, state == ListenerState.Unknown ? null : Since.AddMinutes(5),
        state == ListenerState.Down ? null : 42, 0.995, 0.9876, replicas, mailboxes, mailboxes is { } m ? CreatioSettings.RecommendedReplicas(m) : null, true, true)
    {
        UptimeCovers24Hours = TimeSpan.FromDays(1),
        UptimeCovers7Days = TimeSpan.FromDays(7),
    };

    private IRenderedComponent<ListenerCard> Render(DeploymentView deployment, PortalRole role = PortalRole.Viewer)
    {
        SignInAs("someone", role);
        return Render<ListenerCard>(p => p.Add(c => c.Deployment, deployment));
    }

    [Theory]
    [InlineData(ListenerState.Up, "mud-chip-color-success")]
    [InlineData(ListenerState.Degraded, "mud-chip-color-warning")]
    [InlineData(ListenerState.Down, "mud-chip-color-error")]
    public void TheStateChip_ShowsTheStateInItsColour(ListenerState state, string colour)
    {
        var chip = Render(Deployment(state)).Find("[aria-label='State']");

        Assert.Equal(state.ToString(), chip.TextContent.Trim());
        Assert.Contains(colour, chip.ClassName, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUpDeployment_ShowsSinceLatencyAndUptime()
    {
        var card = Render(Deployment(ListenerState.Up));

        Assert.Contains("Up since 2026-11-24 07:00:00 UTC", card.Find("[aria-label='Since']").TextContent, StringComparison.Ordinal);
        Assert.Contains("42 ms", card.Find("[aria-label='Last check']").TextContent, StringComparison.Ordinal);
        Assert.Contains("99.5 % (24 h), 98.8 % (7 days)", card.Find("[aria-label='Uptime']").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void ADownDeployment_SaysThereWasNoAnswer() =>
        Assert.Contains("no answer", Render(Deployment(ListenerState.Down)).Find("[aria-label='Last check']").TextContent, StringComparison.Ordinal);

    [Fact]
    public void NeverChecked_SaysSo() => Assert.Contains("Not checked yet", Render(Deployment(ListenerState.Unknown)).Markup, StringComparison.Ordinal);

    [Fact]
    public void TooFewReplicas_ForTheMailboxes_IsFlagged()
    {
        var replicas = Render(Deployment(ListenerState.Up, replicas: 1, mailboxes: 120)).Find("[aria-label='Replicas']").TextContent;

        Assert.Contains("1 of 3 recommended replicas (120 active mailboxes): too few", replicas, StringComparison.Ordinal);
    }

    [Fact]
    public void OneActiveMailbox_IsCountedInTheSingular() =>
        Assert.Contains("(1 active mailbox)", Render(Deployment(ListenerState.Up, replicas: 1, mailboxes: 1)).Find("[aria-label='Replicas']").TextContent, StringComparison.Ordinal);

    [Fact]
    public void EnoughReplicas_AreNotFlagged() =>
        Assert.DoesNotContain("too few", Render(Deployment(ListenerState.Up, replicas: 2, mailboxes: 100)).Find("[aria-label='Replicas']").TextContent, StringComparison.Ordinal);

    [Fact]
    public void CheckNow_IsForOperators_NotViewers()
    {
        Assert.Empty(Render(Deployment(ListenerState.Up)).FindAll("[aria-label='Check main now']"));
    }

    [Fact]
    public void Operators_SeeCheckNow() =>
        Assert.Single(Render(Deployment(ListenerState.Up), PortalRole.Operator).FindAll("[aria-label='Check main now']"));

    [Fact]
    public void UptimeOfADeploymentWatchedForMinutes_NamesThePeriodItCovers_NotAWeek()
    {
        var fresh = Deployment(ListenerState.Up) with { UptimeCovers24Hours = TimeSpan.FromMinutes(18), UptimeCovers7Days = TimeSpan.FromMinutes(18) };

        var uptime = Render(fresh).Find("[aria-label='Uptime']").TextContent;

        Assert.Contains("Uptime 99.5 % (18 min)", uptime, StringComparison.Ordinal);
        Assert.DoesNotContain("days", uptime, StringComparison.Ordinal);
    }

    [Fact]
    public void UptimeOfADeploymentWatchedForThreeDays_GivesTheDayAndTheThreeDays()
    {
        var young = Deployment(ListenerState.Up) with { UptimeCovers7Days = TimeSpan.FromDays(3) };

        Assert.Contains("99.5 % (24 h), 98.8 % (3 days)", Render(young).Find("[aria-label='Uptime']").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Heartbeat_DrawsTheLatestChecksInStateColours_OldestFirst_AndSaysWhatItShows()
    {
        var beats = new[] { ListenerState.Up, ListenerState.Up, ListenerState.Degraded, ListenerState.Down }
            .Select((state, i) => new CheckPoint(Since.AddSeconds(30 * i), state, state == ListenerState.Down ? null : 40 + i)).ToList();

        var bar = Render(Deployment(ListenerState.Down) with { Heartbeat = beats }).Find("[role='img'][aria-label^='Heartbeat of main']");

        Assert.Equal("Heartbeat of main, last 4 checks: 2 Up, 1 Degraded, 1 Down", bar.GetAttribute("aria-label"));
        var pills = bar.QuerySelectorAll(".beat");
        Assert.Equal(ListenersService.HeartbeatLength, pills.Length);
        Assert.Equal(["state-up", "state-up", "state-degraded", "state-down"], pills.TakeLast(4).Select(p => p.ClassList.Single(c => c.StartsWith("state-", StringComparison.Ordinal))));
        Assert.Equal("2026-11-24 07:01:30 UTC: Down, no answer", pills[^1].GetAttribute("title"));
        Assert.Equal("2026-11-24 07:00:00 UTC: Up, 40 ms", pills[^4].GetAttribute("title"));
    }
}
