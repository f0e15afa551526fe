namespace Switchboard.Domain.Notifications;

/// <summary>A topic as the editor and the API describe it.</summary>
public sealed record TopicDraft(string Code, string? Description, string Subject, string HtmlBody, string TextBody);
