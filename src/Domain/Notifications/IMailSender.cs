namespace Switchboard.Domain.Notifications;

/// <summary>Delivers e-mail: one session (one SMTP connection) serves a run of messages.</summary>
public interface IMailSender
{
    Task<IMailSession> OpenAsync(CancellationToken cancellationToken);
}

public interface IMailSession : IAsyncDisposable
{
    /// <returns>The server's reply, kept on the message.</returns>
    Task<string> SendAsync(OutboxMessage message, CancellationToken cancellationToken);
}
