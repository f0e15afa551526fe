namespace Switchboard.Domain.Events;

/// <summary>
/// A message that arrived on the event queue but could not be read as events: kept with its raw body and the reason,
/// never dropped, so someone can see it and have the sender fix it.
/// </summary>
public sealed class RejectedEvent
{
    public const int BodyMaxLength = 1024 * 1024;
    public const int ReasonMaxLength = 4000;

    private RejectedEvent()
    {
    }

    public long Id { get; private set; }
    public DateTime ReceivedAt { get; private set; }

    /// <summary>Where it came from, e.g. <c>rabbitmq:switchboard.events</c>.</summary>
    public string Source { get; private set; } = "";
    public string Body { get; private set; } = "";
    public bool BodyTruncated { get; private set; }
    public string Reason { get; private set; } = "";

    public static RejectedEvent Keep(string source, string body, string reason, DateTime now) => new()
    {
        ReceivedAt = now,
        Source = source,
        Body = body.Length > BodyMaxLength ? body[..BodyMaxLength] : body,
        BodyTruncated = body.Length > BodyMaxLength,
        Reason = reason.Length > ReasonMaxLength ? reason[..ReasonMaxLength] : reason,
    };
}
