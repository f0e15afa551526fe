namespace Switchboard.Domain.Notifications.Templates;

public sealed record RenderedEmail(string Subject, string HtmlBody, string TextBody);
