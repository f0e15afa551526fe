using Microsoft.Extensions.DependencyInjection;
using Switchboard.Infrastructure.Changes;
using Switchboard.Infrastructure.ChatOps;
using Switchboard.Infrastructure.Provisioning;

namespace Switchboard.Infrastructure.Dashboard;

/// <summary>
/// The Dashboard's summaries, each read once for every open Dashboard (<see cref="SharedRead{T}"/>): on a year of data
/// they cost 30–90 ms each, and every open Dashboard refreshes after nearly any change, up to once a second. Each follows
/// the kinds of change it shows, so a burst of identity events reads the summary of audit, events and messages again,
/// not the provisioning and ChatOps ones.
/// </summary>
public sealed class DashboardSummaries : IDisposable
{
    private readonly SharedRead<DashboardSummary> _summary;
    private readonly SharedRead<ProvisioningSummary> _provisioning;
    private readonly SharedRead<ChatOpsSummary> _chatOps;

    public DashboardSummaries(IServiceScopeFactory scopes, IChangeFeed feed, TimeProvider time)
    {
        // Beside what notices tell, it counts active API keys (created and revoked with an audit entry; expiry is the
        // clock) and the jobs' last outcomes (held in memory): kept no longer than the interval.
        _summary = new SharedRead<DashboardSummary>(feed,
            ChangeKind.AuditEntry | ChangeKind.Event | ChangeKind.OutboxMessage | ChangeKind.Person | ChangeKind.TokenOutcome | ChangeKind.JobState,
            LiveReads.InScope<DashboardService, DashboardSummary>(scopes, (s, c) => s.GetAsync(c)), LiveReads.Interval, LiveReads.Interval, time);
        _provisioning = new SharedRead<ProvisioningSummary>(feed, ChangeKind.Envelope,
            LiveReads.InScope<ProvisioningService, ProvisioningSummary>(scopes, (s, c) => s.SummaryAsync(c)), LiveReads.Interval, LiveReads.KeptWithoutChange, time);
        _chatOps = new SharedRead<ChatOpsSummary>(feed, ChangeKind.ChatOpsCall,
            LiveReads.InScope<ChatOpsService, ChatOpsSummary>(scopes, (s, c) => s.SummaryAsync(c)), LiveReads.Interval, LiveReads.KeptWithoutChange, time);
    }

    /// <summary>Audit, messages, events, people, tokens, jobs and API keys (<see cref="DashboardService.GetAsync"/>).</summary>
    public Task<DashboardSummary> SummaryAsync(CancellationToken cancellationToken) => _summary.GetAsync(cancellationToken);

    /// <summary>Open envelopes and their failure groups (<see cref="ProvisioningService.SummaryAsync"/>).</summary>
    public Task<ProvisioningSummary> ProvisioningAsync(CancellationToken cancellationToken) => _provisioning.GetAsync(cancellationToken);

    /// <summary>Tickets today and failed calls (<see cref="ChatOpsService.SummaryAsync"/>).</summary>
    public Task<ChatOpsSummary> ChatOpsAsync(CancellationToken cancellationToken) => _chatOps.GetAsync(cancellationToken);

    /// <summary>How many reads of each summary began (for tests and the figures).</summary>
    public (int Summary, int Provisioning, int ChatOps) Reads => (_summary.Reads, _provisioning.Reads, _chatOps.Reads);

    public void Dispose()
    {
        _summary.Dispose();
        _provisioning.Dispose();
        _chatOps.Dispose();
    }
}
