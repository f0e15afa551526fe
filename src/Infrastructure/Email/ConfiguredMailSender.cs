using Microsoft.Extensions.Options;
using Switchboard.Domain.Notifications;

namespace Switchboard.Infrastructure.Email;

/// <summary>SMTP when <c>Smtp:Host</c> is set, otherwise the pickup folder (the embedded default).</summary>
internal sealed class ConfiguredMailSender(IOptions<SmtpOptions> options, SmtpMailSender smtp, PickupFolderMailSender pickup) : IMailSender
{
    public Task<IMailSession> OpenAsync(CancellationToken cancellationToken) =>
        string.IsNullOrWhiteSpace(options.Value.Host) ? pickup.OpenAsync(cancellationToken) : smtp.OpenAsync(cancellationToken);
}
