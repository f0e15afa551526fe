using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Switchboard.Domain.Listeners;
using Switchboard.Domain.Notifications;
using Switchboard.Infrastructure.Persistence;
using Switchboard.Infrastructure.Provisioning;

namespace Switchboard.Infrastructure.Telemetry;

/// <summary>
/// Gauges of what is stored, the same on every instance: outbox messages by status, open envelopes by failure group and
/// each Exchange Listener deployment's state (0 Up, 1 Degraded, 2 Down). Read from the database at most once per
/// <see cref="Freshness"/>, however often they are scraped or exported.
/// </summary>
public sealed class StoredStateGauges
{
    public static readonly TimeSpan Freshness = TimeSpan.FromSeconds(10);

    /// <summary>Groups beyond this many (by open envelopes) are summed into one series, so a flood of new errors cannot explode the series count.</summary>
    public const int MaxGroupSeries = 50;

    private readonly IDbContextFactory<SwitchboardDbContext> _contexts;
    private readonly TimeProvider _clock;
    private readonly Lock _gate = new();
    private Snapshot? _snapshot;
    private DateTimeOffset _readAt;

    public StoredStateGauges(IMeterFactory meters, IDbContextFactory<SwitchboardDbContext> contexts, TimeProvider clock)
    {
        _contexts = contexts;
        _clock = clock;
        var meter = meters.Create(SwitchboardMetrics.MeterName);
        meter.CreateObservableGauge("switchboard.outbox.messages", () => Read().Outbox, "{message}", "Notification messages in the outbox by status");
        meter.CreateObservableGauge("switchboard.provisioning.envelopes.open", () => Read().OpenEnvelopes, "{envelope}", "Open provisioning error envelopes by failure group");
        meter.CreateObservableGauge("switchboard.listener.state", () => Read().Listeners, "{state}", "Exchange Listener deployment state: 0 Up, 1 Degraded, 2 Down");
    }

    private Snapshot Read()
    {
        lock (_gate)
        {
            var now = _clock.GetUtcNow();
            if (_snapshot is null || now - _readAt >= Freshness)
            {
                _snapshot = Query();
                _readAt = now;
            }

            return _snapshot;
        }
    }

    // Called by the metrics exporter on its own thread, which offers no async callback: plain synchronous queries.
    private Snapshot Query()
    {
        using var db = _contexts.CreateDbContext();
        // Every status, 0 included, so that a dashboard's "dead messages" panel shows 0 rather than "no data".
        var byStatus = db.OutboxMessages.GroupBy(m => m.Status).Select(g => new { Status = g.Key, Count = g.LongCount() }).ToDictionary(g => g.Status, g => g.Count);
        var outbox = Enum.GetValues<MessageStatus>()
            .Select(status => new Measurement<long>(byStatus.GetValueOrDefault(status), new KeyValuePair<string, object?>("status", status.ToString()))).ToList();

        var open = db.ProvisioningEnvelopes.WhereOpen()
            .GroupBy(e => e.GroupId).Select(g => new { GroupId = g.Key, Count = g.LongCount() })
            .OrderByDescending(g => g.Count).ToList();
        var shown = open.Take(MaxGroupSeries).ToList();
        var ids = shown.Where(g => g.GroupId is not null).Select(g => g.GroupId!.Value).ToList();
        var titles = db.FailureGroups.Where(g => ids.Contains(g.Id)).ToDictionary(g => g.Id, g => g.Title);
        var envelopes = shown.Select(g => new Measurement<long>(g.Count, Group(g.GroupId is { } id ? titles.GetValueOrDefault(id, $"group {id}") : "(no group)")))
            .ToList();
        if (open.Count > MaxGroupSeries)
        {
            envelopes.Add(new Measurement<long>(open.Skip(MaxGroupSeries).Sum(g => g.Count), Group("(other groups)")));
        }

        var listeners = db.DeploymentStatuses.Where(d => d.State != ListenerState.Unknown).Select(d => new { d.Deployment, d.State }).ToList()
            .Select(d => new Measurement<int>(StateValue(d.State), new KeyValuePair<string, object?>("deployment", d.Deployment))).ToList();

        return new Snapshot(outbox, envelopes, listeners);
    }

    private static KeyValuePair<string, object?> Group(string title) =>
        new("group", title.Length > 100 ? title[..100] : title);

    private static int StateValue(ListenerState state) => state switch
    {
        ListenerState.Up => 0,
        ListenerState.Degraded => 1,
        _ => 2,
    };

    private sealed record Snapshot(List<Measurement<long>> Outbox, List<Measurement<long>> OpenEnvelopes, List<Measurement<int>> Listeners);
}
