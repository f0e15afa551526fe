using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using Switchboard.Domain.Notifications;

namespace Switchboard.Infrastructure.Email;

/// <summary>Sends over SMTP with MailKit, one connection per run of messages.</summary>
internal sealed class SmtpMailSender(IOptions<SmtpOptions> options) : IMailSender
{
    public async Task<IMailSession> OpenAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var client = new SmtpClient { Timeout = (int)settings.Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(settings.Host ?? throw new InvalidOperationException("Smtp:Host is not set."), settings.Port, Enum.Parse<SecureSocketOptions>(settings.Security, ignoreCase: true), cancellationToken);
            if (!string.IsNullOrEmpty(settings.Username))
            {
                await client.AuthenticateAsync(settings.Username, settings.Password ?? "", cancellationToken);
            }
        }
        catch
        {
            client.Dispose();
            throw;
        }

        return new Session(client, MailboxAddress.Parse(settings.From));
    }

    private sealed class Session(SmtpClient client, MailboxAddress from) : IMailSession
    {
        public IPreparedMail Prepare(OutboxMessage message) => new PreparedMime(message, from);

        public Task<string> SendAsync(IPreparedMail mail, CancellationToken cancellationToken) =>
            client.SendAsync(PreparedMime.Of(mail).Mime, cancellationToken);

        public async ValueTask DisposeAsync()
        {
            if (client.IsConnected)
            {
                await client.DisconnectAsync(quit: true);
            }

            client.Dispose();
        }
    }
}
