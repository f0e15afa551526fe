using Switchboard.Domain.Provisioning;

namespace Switchboard.Infrastructure.Provisioning;

/// <summary>An envelope's story in order: its request, the daemon's tries, the failure, reruns and replies, and what people did.</summary>
public static class EnvelopeTimeline
{
    public static IReadOnlyList<TimelineEntry> Of(IReadOnlyList<ProvisioningMessage> messages, IReadOnlyList<EnvelopeActivity> activities, ProvisioningMessage? request)
    {
        var entries = new List<TimelineEntry>();
        if (request is not null && messages.All(m => m.Id != request.Id))
        {
            entries.Add(Describe(request, request));
        }

        entries.AddRange(messages.Select(m => Describe(m, request)));

        // A rerun is told by its published request; the activity would repeat it.
        entries.AddRange(activities.Where(a => a.Kind is not (EnvelopeActivityKind.Rerun or EnvelopeActivityKind.EditedRerun)).Select(Describe));
        return entries.OrderBy(e => e.At).ToList();
    }

    private static TimelineEntry Describe(ProvisioningMessage m, ProvisioningMessage? original)
    {
        // A message tells only what it carries (the daemon's log after a reply has no status code): nothing shows as "–".
        var failure = $"{m.StatusCode?.ToString(System.Globalization.CultureInfo.InvariantCulture)} {m.ErrorName}".Trim();
        var told = failure.Length == 0 ? "" : " " + failure;
        return (m.Kind, m.Outcome) switch
        {
            (MessageKind.Request, _) when m.RerunOfEnvelopeId is not null => new(m.ReceivedAt,
                m.Body == original?.Body ? "Rerun published" : "Rerun published with an edited body", $"message {m.MessageId}", m.RerunBy, TimelineTone.Neutral, m.Id),
            (MessageKind.Request, _) when m.SoftfailCount > 0 => new(m.ReceivedAt, $"Request retried by the daemon (try {m.SoftfailCount + 1})", null, m.AppId, TimelineTone.Neutral, m.Id),
            (MessageKind.Request, _) => new(m.ReceivedAt, "Request received", $"{m.RoutingKey} · message {m.MessageId}", m.AppId, TimelineTone.Neutral, m.Id),
            (_, MessageOutcome.Success) => new(m.ReceivedAt, "Success reply", m.RoutingKey, m.AppId, TimelineTone.Success, m.Id),
            (_, MessageOutcome.Softfail) => new(m.ReceivedAt, $"Softfail{told}: the daemon will try again", m.ErrorMessage, m.AppId, TimelineTone.Warning, m.Id),
            (MessageKind.Log, MessageOutcome.Hardfail) => new(m.ReceivedAt, $"Failure log{told}", m.ErrorMessage, m.AppId, TimelineTone.Failure, m.Id),
            (_, MessageOutcome.Hardfail) => new(m.ReceivedAt, $"Failure reply{told}", m.ErrorMessage, m.AppId, TimelineTone.Failure, m.Id),
            _ => new(m.ReceivedAt, "Unreadable message", m.RoutingKey, m.AppId, TimelineTone.Failure, m.Id),
        };
    }

    private static TimelineEntry Describe(EnvelopeActivity a) => a.Kind switch
    {
        EnvelopeActivityKind.RerunNotSent => new(a.At, "Rerun not sent", a.Text, a.Actor, TimelineTone.Failure, null),
        EnvelopeActivityKind.Resolved => new(a.At, "Resolved", a.Text, a.Actor, TimelineTone.Success, null),
        EnvelopeActivityKind.Reopened => new(a.At, "Reopened", a.Text, a.Actor, TimelineTone.Neutral, null),
        EnvelopeActivityKind.Archived => new(a.At, "Archived", a.Text, a.Actor, TimelineTone.Neutral, null),
        EnvelopeActivityKind.Restored => new(a.At, "Restored from the archive", a.Text, a.Actor, TimelineTone.Neutral, null),
        EnvelopeActivityKind.Assigned => new(a.At, "Assignment changed", a.Text, a.Actor, TimelineTone.Neutral, null),
        EnvelopeActivityKind.Tagged => new(a.At, "Tags changed", a.Text, a.Actor, TimelineTone.Neutral, null),
        _ => new(a.At, "Note", a.Text, a.Actor, TimelineTone.Neutral, null),
    };
}
