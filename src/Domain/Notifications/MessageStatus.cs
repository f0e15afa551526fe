namespace Switchboard.Domain.Notifications;

public enum MessageStatus
{
    Pending,
    Sent,

    /// <summary>The last attempt failed; it is tried again at <see cref="OutboxMessage.NextAttemptAt"/>.</summary>
    Failed,

    /// <summary>Every attempt failed; only a Resend brings it back.</summary>
    Dead,
}
