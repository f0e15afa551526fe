using MimeKit;
using Switchboard.Domain.Notifications;

namespace Switchboard.Infrastructure.Email;

/// <summary>
/// Turns an outbox message into MIME: HTML and plain-text alternatives, the stable Message-Id, and the level in the
/// <c>X-Switchboard-Level</c> header (and as a subject prefix for warnings and errors).
/// </summary>
internal static class MimeMessages
{
    public const string LevelHeader = "X-Switchboard-Level";

    /// <param name="from">The sender, parsed once per session rather than per message.</param>
    public static MimeMessage From(OutboxMessage message, MailboxAddress from)
    {
        var mime = new MimeMessage { MessageId = message.MessageId.Trim('<', '>') };
        mime.From.Add(from);
        mime.To.Add(new MailboxAddress(message.RecipientUsername ?? message.RecipientEmail, message.RecipientEmail));
        mime.Subject = message.Level is NotificationLevel.Warning or NotificationLevel.Error
            ? $"[{message.Level.ToString().ToUpperInvariant()}] {message.Subject}"
            : message.Subject;
        mime.Headers.Add(LevelHeader, message.Level.ToString().ToUpperInvariant());
        mime.Body = new BodyBuilder { HtmlBody = message.HtmlBody, TextBody = message.TextBody }.ToMessageBody();
        return mime;
    }
}
