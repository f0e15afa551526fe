using Switchboard.Domain.Retries;

namespace Switchboard.Domain.ChatOps;

/// <summary>
/// One call of a bridge's webhook, recorded before GLPI is called, so a GLPI failure loses nothing. The post id is the
/// idempotency key: one call (and at most one ticket) per Mattermost post.
/// </summary>
public sealed class BridgeCall
{
    public const int TextMaxLength = 16_000;
    public const int ErrorMaxLength = 2_000;

    private BridgeCall()
    {
    }

    public long Id { get; private set; }
    public int BridgeId { get; private set; }
    public string PostId { get; private set; } = "";
    public string UserName { get; private set; } = "";
    public string? UserId { get; private set; }
    public string? ChannelName { get; private set; }
    public string? TeamDomain { get; private set; }
    public string? TriggerWord { get; private set; }
    public string Text { get; private set; } = "";
    public DateTime ReceivedAt { get; private set; }
    public CallStatus Status { get; private set; }
    public long? TicketId { get; private set; }
    public string? ErrorCode { get; private set; }
    public string? ErrorMessage { get; private set; }
    public int Attempts { get; private set; }
    public DateTime? NextAttemptAt { get; private set; }

    /// <summary>Until when a sender holds the call (no second sender may create its ticket meanwhile).</summary>
    public DateTime? LeaseUntil { get; private set; }

    /// <summary>How long the last GLPI attempt took, and the whole call until Mattermost got its answer.</summary>
    public int? GlpiMilliseconds { get; private set; }
    public int? ReplyMilliseconds { get; private set; }
    public DateTime? CompletedAt { get; private set; }

    public static BridgeCall Receive(int bridgeId, WebhookPost post, string? trigger, string text, DateTime now) => new()
    {
        BridgeId = bridgeId,
        PostId = post.PostId,
        UserName = post.UserName,
        UserId = post.UserId,
        ChannelName = post.ChannelName,
        TeamDomain = post.TeamDomain,
        TriggerWord = trigger,
        Text = text.Length > TextMaxLength ? text[..TextMaxLength] : text,
        ReceivedAt = now,
        Status = text.Length == 0 ? CallStatus.Empty : CallStatus.Pending,
        CompletedAt = text.Length == 0 ? now : null,
    };

    /// <summary>The ticket content: the request and who/where it came from, ending with <see cref="TicketMarker"/>.</summary>
    public string TicketContent() =>
        $"{Text}\n\n---\nFrom Mattermost: user @{UserName}{(UserId is null ? "" : $" ({UserId})")}, channel {ChannelName ?? "?"}, team {TeamDomain ?? "?"}, {TicketMarker()}";

    /// <summary>What identifies this call's ticket in GLPI (searched for when an attempt's outcome is unknown).</summary>
    public string TicketMarker() => $"post {PostId}.";

    public string TicketName() => $"Request from {UserName}";

    public void MarkCreated(long ticketId, int glpiMilliseconds, DateTime now)
    {
        Status = CallStatus.Created;
        TicketId = ticketId;
        (ErrorCode, ErrorMessage, NextAttemptAt, LeaseUntil) = (null, null, null, null);
        GlpiMilliseconds = glpiMilliseconds;
        CompletedAt = now;
    }

    /// <summary>A failed attempt at <paramref name="now"/>; the next follows the <paramref name="schedule"/>, and once it is used up only an Operator's Retry sends the call again.</summary>
    public void MarkFailed(string code, string message, int glpiMilliseconds, DateTime now, RetrySchedule schedule)
    {
        Status = CallStatus.Failed;
        Attempts = Math.Max(Attempts, 1);
        ErrorCode = code.Length > 100 ? code[..100] : code;
        ErrorMessage = message.Length > ErrorMaxLength ? message[..ErrorMaxLength] : message;
        GlpiMilliseconds = glpiMilliseconds;
        NextAttemptAt = schedule.NextAttempt(Attempts, now);
        LeaseUntil = null;
    }

    public void RecordReply(int milliseconds) => ReplyMilliseconds = milliseconds;
}
