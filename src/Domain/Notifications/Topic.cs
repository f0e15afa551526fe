using Switchboard.Domain.Notifications.Templates;

namespace Switchboard.Domain.Notifications;

/// <summary>
/// A notification topic (e.g. <c>identity:state-changed</c>) and what it sends, as Liquid templates: the e-mail, and the
/// Markdown of a Mattermost message (rendered with the same model; a topic without one cannot go to Mattermost).
/// </summary>
public sealed class Topic
{
    public const int CodeMaxLength = 100;
    public const int DescriptionMaxLength = 500;
    public const int SubjectMaxLength = 1000;

    /// <summary>Mattermost takes posts of up to 16,383 characters; the template may be as long.</summary>
    public const int MattermostBodyMaxLength = 16_383;

    private Topic()
    {
    }

    public int Id { get; private set; }
    public string Code { get; private set; } = "";
    public string? Description { get; private set; }
    public string Subject { get; private set; } = "";
    public string HtmlBody { get; private set; } = "";
    public string TextBody { get; private set; } = "";

    /// <summary>The Mattermost message (Markdown); null when the topic sends e-mail only.</summary>
    public string? MattermostBody { get; private set; }

    /// <summary>The digest e-mail (items listed with a loop); null when the topic's digests use <see cref="DigestTemplates.Default"/>.</summary>
    public string? DigestSubject { get; private set; }
    public string? DigestHtmlBody { get; private set; }
    public string? DigestTextBody { get; private set; }

    /// <summary>The digest e-mail the topic has, or null when it has none.</summary>
    public EmailTemplate? Digest => DigestSubject is null ? null : new(DigestSubject, DigestHtmlBody ?? "", DigestTextBody ?? "");

    public EmailTemplate Email => new(Subject, HtmlBody, TextBody);

    /// <summary>The Mattermost message as a template of the renderer: the subject (shown in the delivery log) and the Markdown as the text.</summary>
    public EmailTemplate Mattermost => new(Subject, "", MattermostBody ?? "");

    public static Topic Create(string code, string? description, EmailTemplate email, string? mattermostBody = null, EmailTemplate? digest = null)
    {
        var topic = new Topic { Code = code.Trim() };
        topic.Update(description, email, mattermostBody, digest);
        return topic;
    }

    /// <summary>The topic as the editor, the API and a code-list document describe it.</summary>
    public TopicDraft ToDraft() => new(Code, Description, Subject, HtmlBody, TextBody, MattermostBody, Digest);

    /// <param name="digest">The digest e-mail; null or a blank subject leaves the topic with the default digest.</param>
    public void Update(string? description, EmailTemplate email, string? mattermostBody, EmailTemplate? digest = null)
    {
        (DigestSubject, DigestHtmlBody, DigestTextBody) = string.IsNullOrWhiteSpace(digest?.Subject)
            ? (null, null, null)
            : (digest.Subject, digest.HtmlBody, digest.TextBody);
        Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
        (Subject, HtmlBody, TextBody) = (email.Subject, email.HtmlBody, email.TextBody);
        MattermostBody = string.IsNullOrWhiteSpace(mattermostBody) ? null : mattermostBody;
    }
}
