namespace Switchboard.Domain.Notifications.Digests;

/// <summary>
/// One change a digest configuration gathered for one recipient, waiting for the digest that carries it. It keeps the
/// template model as of its event (JSON, the same model a message about the one change would see), so the digest lists
/// each change as it was, whenever it is sent. <see cref="OutboxMessageId"/> is the digest's e-mail once it is queued.
/// </summary>
public sealed class DigestItem
{
    private DigestItem()
    {
    }

    public long Id { get; private set; }
    public int ConfigurationId { get; private set; }
    public long EventId { get; private set; }
    public string Topic { get; private set; } = "";
    public NotificationLevel Level { get; private set; }
    public string RecipientEmail { get; private set; } = "";
    public string? RecipientUsername { get; private set; }

    /// <summary>The change's template model as JSON.</summary>
    public string Model { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }
    public long? OutboxMessageId { get; private set; }

    public static DigestItem Gather(
        long eventId, int configurationId, string topic, NotificationLevel level, string recipientEmail, string? recipientUsername, string model, DateTime now) => new()
        {
            EventId = eventId,
            ConfigurationId = configurationId,
            Topic = topic,
            Level = level,
            RecipientEmail = recipientEmail,
            RecipientUsername = recipientUsername,
            Model = model,
            CreatedAt = now,
        };
}
