using Switchboard.Domain.Notifications.Templates;

namespace Switchboard.Domain.Notifications;

/// <summary>
/// A topic as the editor and the API describe it; <paramref name="MattermostBody"/> and <paramref name="Digest"/> (the
/// digest e-mail, null for the default one) are absent from older documents.
/// </summary>
public sealed record TopicDraft(
    string Code, string? Description, string Subject, string HtmlBody, string TextBody, string? MattermostBody = null, EmailTemplate? Digest = null);
