namespace Switchboard.Domain.Notifications;

/// <summary>An outbox message made ready for the wire by <see cref="IMailSession.Prepare"/>.</summary>
public interface IPreparedMail
{
    OutboxMessage Message { get; }
}
