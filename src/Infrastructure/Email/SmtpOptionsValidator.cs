using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Switchboard.Infrastructure.Email;

internal sealed class SmtpOptionsValidator : IValidateOptions<SmtpOptions>
{
    public ValidateOptionsResult Validate(string? name, SmtpOptions options)
    {
        var failures = new List<string>();
        if (!Enum.TryParse<SecureSocketOptions>(options.Security, ignoreCase: true, out _))
        {
            failures.Add($"Smtp:Security '{options.Security}' is not one of None, StartTls, StartTlsWhenAvailable, SslOnConnect.");
        }

        if (options.Port is < 1 or > 65535)
        {
            failures.Add($"Smtp:Port {options.Port} is not a TCP port.");
        }

        if (!MailboxAddress.TryParse(options.From, out _))
        {
            failures.Add($"Smtp:From '{options.From}' is not an e-mail address.");
        }

        if (options.PollInterval <= TimeSpan.Zero)
        {
            failures.Add("Smtp:PollInterval must be positive.");
        }

        if (options.MaxAttempts < 1)
        {
            failures.Add("Smtp:MaxAttempts must be at least 1.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
