using Microsoft.Extensions.Options;
using MimeKit;
using Switchboard.Domain.Notifications;
using Switchboard.Infrastructure.Persistence;

namespace Switchboard.Infrastructure.Email;

/// <summary>The embedded default: each message becomes an .eml file in the pickup folder, named after its Message-Id.</summary>
internal sealed class PickupFolderMailSender(IOptions<SmtpOptions> smtp, IOptions<DatabaseOptions> database) : IMailSender
{
    public string Folder => Path.Combine(database.Value.ResolvedDataFolder, smtp.Value.PickupFolder);

    public Task<IMailSession> OpenAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Folder);
        return Task.FromResult<IMailSession>(new Session(Folder, MailboxAddress.Parse(smtp.Value.From)));
    }

    private sealed class Session(string folder, MailboxAddress from) : IMailSession
    {
        public IPreparedMail Prepare(OutboxMessage message) => new PreparedMime(message, from);

        public async Task<string> SendAsync(IPreparedMail mail, CancellationToken cancellationToken)
        {
            var path = Path.Combine(folder, $"{mail.Message.MessageId.Trim('<', '>')}.eml");
            await PreparedMime.Of(mail).Mime.WriteToAsync(path, cancellationToken);
            return $"written to {path}";
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
