using Switchboard.Domain.Notifications;

namespace Switchboard.Infrastructure.Notifications;

public sealed record MessageRow(
    long Id, DateTime CreatedAt, string RecipientEmail, string Topic, NotificationLevel Level, int ConfigurationId, string EventId,
    MessageStatus Status, int Attempts, string? LastError, DateTime? SentAt, string? SmtpReply, string Subject,
    DeliveryChannel Channel = DeliveryChannel.Email, string? RecipientUsername = null, int DigestItems = 0);
