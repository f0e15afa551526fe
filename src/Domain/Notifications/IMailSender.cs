namespace Switchboard.Domain.Notifications;

/// <summary>Delivers e-mail: one session (one SMTP connection) serves a run of messages.</summary>
public interface IMailSender
{
    Task<IMailSession> OpenAsync(CancellationToken cancellationToken);
}

public interface IMailSession : IAsyncDisposable
{
    /// <summary>
    /// Does the part of sending that needs no server (building the message's MIME). Safe to call on another thread while the
    /// session sends, so the next messages can be prepared while others are on the wire. Never throws: a message that cannot
    /// be built fails when it is sent.
    /// </summary>
    IPreparedMail Prepare(OutboxMessage message);

    /// <param name="mail">Prepared by this session.</param>
    /// <returns>The server's reply, kept on the message.</returns>
    Task<string> SendAsync(IPreparedMail mail, CancellationToken cancellationToken);
}
