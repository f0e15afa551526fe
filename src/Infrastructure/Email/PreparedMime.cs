using System.Runtime.ExceptionServices;
using MimeKit;
using Switchboard.Domain.Notifications;

namespace Switchboard.Infrastructure.Email;

/// <summary>An outbox message built into MIME once, ready to be sent by SMTP or written to the pickup folder, or why it could not be built.</summary>
internal sealed class PreparedMime : IPreparedMail
{
    private readonly MimeMessage? _mime;
    private readonly ExceptionDispatchInfo? _error;

    public PreparedMime(OutboxMessage message, MailboxAddress from)
    {
        Message = message;
        try
        {
            _mime = MimeMessages.From(message, from);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _error = ExceptionDispatchInfo.Capture(ex);
        }
    }

    public OutboxMessage Message { get; }

    /// <summary>The MIME to send; throws what building it threw.</summary>
    public MimeMessage Mime
    {
        get
        {
            _error?.Throw();
            return _mime!;
        }
    }

    public static PreparedMime Of(IPreparedMail mail) =>
        mail as PreparedMime ?? throw new ArgumentException("The mail was prepared by another kind of session.", nameof(mail));
}
