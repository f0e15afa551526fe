using Switchboard.Domain.Notifications;

namespace Switchboard.Infrastructure.Notifications;

/// <summary>
/// One message of the delivery log with what it links to: the event that produced it, the configuration that fired, and
/// the recipient's person (by username, else by e-mail) when the directory knows them. A digest also lists the events of
/// the changes it carries (<see cref="DigestEvents"/>, in event order; empty for a message about one event).
/// </summary>
public sealed record MessageDetail(
    OutboxMessage Message,
    MessageEvent? Event,
    string? ConfigurationDescription,
    bool ConfigurationExists,
    string? RecipientPerson,
    IReadOnlyList<MessageEvent> DigestEvents);
