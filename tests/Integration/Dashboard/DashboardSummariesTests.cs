using Microsoft.Extensions.DependencyInjection;
using Switchboard.Domain.Audit;
using Switchboard.Infrastructure.Dashboard;
using Switchboard.Infrastructure.Listeners;

namespace Switchboard.IntegrationTests.Dashboard;

/// <summary>
/// The Dashboard's summaries on the real portal (SQLite): open Dashboards refreshing together share one read of each,
/// and a change is on the next read. (<see cref="Infrastructure.Changes.SharedRead{T}"/>'s unit tests hold its timing.)
/// </summary>
public sealed class DashboardSummariesTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record Shown(DashboardSummary Summary, object Provisioning, object ChatOps, object Listeners);

    /// <summary>What one Dashboard reads when it refreshes.</summary>
    private async Task<Shown> RefreshAsync()
    {
        var (summaries, overview) = (portal.Services.GetRequiredService<DashboardSummaries>(), portal.Services.GetRequiredService<ListenerOverview>());
        var (summary, provisioning, chatOps, listeners) =
            (summaries.SummaryAsync(Ct), summaries.ProvisioningAsync(Ct), summaries.ChatOpsAsync(Ct), overview.DeploymentsAsync(Ct));
        return new Shown(await summary, await provisioning, await chatOps, await listeners);
    }

    [Fact]
    public async Task TwoDashboardsRefreshingTogether_ReadEachSummaryOnce()
    {
        var summaries = portal.Services.GetRequiredService<DashboardSummaries>();
        var overview = portal.Services.GetRequiredService<ListenerOverview>();

        // The portal's start-up (its jobs' first runs) publishes notices for a while, and a notice between the two
        // Dashboards' calls rightly makes the second read again: the pair is tried until none comes between.
        await Eventually.TrueAsync("two Dashboards given the same summaries from one read of each", async () =>
        {
            var (reads, listenerReads) = (summaries.Reads, overview.Reads);
            var (first, second) = (RefreshAsync(), RefreshAsync());
            var (one, other) = (await first, await second);
            return ReferenceEquals(one.Summary, other.Summary) && ReferenceEquals(one.Provisioning, other.Provisioning)
                && ReferenceEquals(one.ChatOps, other.ChatOps) && ReferenceEquals(one.Listeners, other.Listeners)
                && summaries.Reads.Summary - reads.Summary <= 1 && summaries.Reads.Provisioning - reads.Provisioning <= 1
                && summaries.Reads.ChatOps - reads.ChatOps <= 1 && overview.Reads - listenerReads <= 1;
        });
    }

    [Fact]
    public async Task AuditEntryWritten_IsOnTheNextSummary()
    {
        var summaries = portal.Services.GetRequiredService<DashboardSummaries>();
        var before = await summaries.SummaryAsync(Ct);

        await portal.Services.GetRequiredService<IAuditLog>()
            .WriteAsync(new AuditRecord(Actor.User("dashboard.tester"), AuditActions.SignIn, "session", "dashboard.tester"), Ct);

        await Eventually.MatchesAsync("the new audit entry on the Dashboard", () => summaries.SummaryAsync(Ct),
            summary => summary.AuditEntriesToday > before.AuditEntriesToday);
    }
}
