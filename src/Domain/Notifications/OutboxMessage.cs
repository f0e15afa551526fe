using Switchboard.Domain.Retries;

namespace Switchboard.Domain.Notifications;

/// <summary>
/// One message to one recipient on one channel (<see cref="DeliveryChannel"/>: an e-mail, a Mattermost direct message, or one
/// post to a Mattermost channel per event), rendered and stored before anything is sent. Senders claim a message with a lease;
/// a message whose sender died is claimed again once the lease has run out (at least once; the stable
/// <see cref="MessageId"/> lets receivers spot a repeat).
/// </summary>
public sealed class OutboxMessage
{
    public const int ErrorMaxLength = 2000;

    private OutboxMessage()
    {
    }

    public long Id { get; private set; }
    public string MessageId { get; private set; } = "";
    public long EventId { get; private set; }
    public int ConfigurationId { get; private set; }
    public string Topic { get; private set; } = "";
    public DeliveryChannel Channel { get; private set; }
    public NotificationLevel Level { get; private set; }
    public string RecipientEmail { get; private set; } = "";
    public string? RecipientUsername { get; private set; }
    public string Subject { get; private set; } = "";
    public string HtmlBody { get; private set; } = "";

    /// <summary>The plain-text body of an e-mail, or the Markdown of a Mattermost message.</summary>
    public string TextBody { get; private set; } = "";
    public MessageStatus Status { get; private set; }
    public int Attempts { get; private set; }
    public string? LastError { get; private set; }
    public DateTime NextAttemptAt { get; private set; }
    public DateTime? LeaseUntil { get; private set; }
    public DateTime? SentAt { get; private set; }

    /// <summary>What the receiving server answered: the SMTP reply, or the Mattermost post's id.</summary>
    public string? SmtpReply { get; private set; }
    public DateTime CreatedAt { get; private set; }

    /// <summary>How many changes a digest e-mail carries (its <see cref="EventId"/> is the first); 0 for a message about one event.</summary>
    public int DigestItems { get; private set; }

    public static OutboxMessage Queue(
        long eventId, int configurationId, string topic, NotificationLevel level, string recipientEmail, string? recipientUsername,
        string subject, string htmlBody, string textBody, DateTime now, DeliveryChannel channel = DeliveryChannel.Email, int digestItems = 0) => new()
        {
            DigestItems = digestItems,
            Channel = channel,
            MessageId = $"<{Guid.NewGuid():N}@switchboard>",
            EventId = eventId,
            ConfigurationId = configurationId,
            Topic = topic,
            Level = level,
            RecipientEmail = recipientEmail,
            RecipientUsername = recipientUsername,
            Subject = subject,
            HtmlBody = htmlBody,
            TextBody = textBody,
            Status = MessageStatus.Pending,
            NextAttemptAt = now,
            CreatedAt = now,
        };

    public void Claim(DateTime now, TimeSpan lease) => LeaseUntil = now + lease;

    /// <summary>
    /// Gives a claimed message back unattempted (its sender stopped first): the lease ends, so the next run takes it
    /// without waiting for the lease to run out. After an attempt (whose outcome already ended the lease) it changes nothing.
    /// </summary>
    public void Release() => LeaseUntil = null;

    public void MarkSent(string? reply, DateTime now)
    {
        Status = MessageStatus.Sent;
        Attempts++;
        SmtpReply = reply;
        SentAt = now;
        LastError = null;
        LeaseUntil = null;
    }

    /// <summary>Records a failed attempt; retries follow the <paramref name="schedule"/>, and the last allowed attempt makes it dead.</summary>
    public void MarkFailed(string error, DateTime now, RetrySchedule schedule)
    {
        Attempts++;
        LastError = error.Length > ErrorMaxLength ? error[..ErrorMaxLength] : error;
        LeaseUntil = null;
        Status = schedule.IsExhausted(Attempts) ? MessageStatus.Dead : MessageStatus.Failed;
        NextAttemptAt = now + schedule.DelayAfter(Attempts);
    }

    /// <summary>An Operator's Resend: the message goes out again at the next run, with a fresh set of attempts.</summary>
    public void Resend(DateTime now)
    {
        Status = MessageStatus.Pending;
        Attempts = 0;
        NextAttemptAt = now;
        LeaseUntil = null;
    }
}
