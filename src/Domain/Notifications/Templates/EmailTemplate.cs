namespace Switchboard.Domain.Notifications.Templates;

/// <summary>A topic's e-mail: subject, HTML body and plain-text body, each a Liquid template.</summary>
public sealed record EmailTemplate(string Subject, string HtmlBody, string TextBody);
