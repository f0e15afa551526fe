using Switchboard.Domain.Notifications;

namespace Switchboard.Infrastructure.Notifications;

/// <summary>
/// One message of the delivery log with what it links to: the event that produced it, the configuration that fired, and
/// the recipient's person (by username, else by e-mail) when the directory knows them.
/// </summary>
public sealed record MessageDetail(
    OutboxMessage Message,
    MessageEvent? Event,
    string? ConfigurationDescription,
    bool ConfigurationExists,
    string? RecipientPerson);

/// <summary>The event a message came from, as the message page names it.</summary>
public sealed record MessageEvent(long Id, string EventId, string EntityType, string EventType, string Identity, DateTime ReceivedAt);
