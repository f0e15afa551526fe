using System.Diagnostics;
using System.Diagnostics.Metrics;
using Switchboard.Domain.ChatOps;
using Switchboard.Domain.Mattermost;

namespace Switchboard.Infrastructure.Telemetry;

/// <summary>
/// Switchboard's own counters, on the meter <see cref="MeterName"/>: what flowed through the portal since it started.
/// States (outbox depth, open envelopes, listener states) are read from the database by <see cref="StoredStateGauges"/>.
/// </summary>
public sealed class SwitchboardMetrics
{
    public const string MeterName = "Switchboard";

    private readonly Counter<long> _eventsIngested;
    private readonly Counter<long> _configurationsFired;
    private readonly Counter<long> _messages;
    private readonly Counter<long> _captured;
    private readonly Histogram<double> _captureLag;
    private readonly Counter<long> _tokenOutcomes;
    private readonly Counter<long> _chatOpsCalls;
    private readonly Counter<long> _jobRuns;
    private readonly Histogram<double> _jobDuration;

    public SwitchboardMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _eventsIngested = meter.CreateCounter<long>("switchboard.events.ingested", "{event}", "Identity events stored");
        _configurationsFired = meter.CreateCounter<long>("switchboard.notifications.fired", "{message}", "Messages queued by notification configurations that fired");
        _messages = meter.CreateCounter<long>("switchboard.notifications.delivered", "{message}", "Delivery attempts by outcome: sent, failed (will be retried) or dead");
        _captured = meter.CreateCounter<long>("switchboard.provisioning.captured", "{message}", "Provisioning messages stored by the capture");
        _captureLag = meter.CreateHistogram<double>("switchboard.provisioning.capture.lag", "s", "Time from a provisioning message's timestamp to its storage");
        _tokenOutcomes = meter.CreateCounter<long>("switchboard.tokens.outcomes", "{person}", "Mattermost token job outcomes per person");
        _chatOpsCalls = meter.CreateCounter<long>("switchboard.chatops.calls", "{call}", "Mattermost webhook calls by outcome");
        _jobRuns = meter.CreateCounter<long>("switchboard.jobs.runs", "{run}", "Background job runs by job and outcome");
        _jobDuration = meter.CreateHistogram<double>("switchboard.jobs.run.duration", "s", "Background job run duration");
    }

    public void EventsIngested(int count) => _eventsIngested.Add(count);

    public void ConfigurationsFired(int messages) => _configurationsFired.Add(messages);

    public void MessageDelivered(string outcome) => _messages.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void Captured(int count, TimeSpan lag)
    {
        _captured.Add(count);
        _captureLag.Record(Math.Max(0, lag.TotalSeconds));
    }

    public void TokenOutcome(TokenOutcomeKind kind) => _tokenOutcomes.Add(1, new KeyValuePair<string, object?>("outcome", kind.ToString()));

    public void ChatOpsCall(CallStatus outcome) => _chatOpsCalls.Add(1, new KeyValuePair<string, object?>("outcome", outcome.ToString()));

    public void JobRun(string job, string outcome, TimeSpan duration)
    {
        var tags = new TagList { { "job", job }, { "outcome", outcome } };
        _jobRuns.Add(1, tags);
        _jobDuration.Record(duration.TotalSeconds, tags);
    }
}
