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

    public EmailTemplate Email => new(Subject, HtmlBody, TextBody);

    /// <summary>The Mattermost message as a template of the renderer: the subject (shown in the delivery log) and the Markdown as the text.</summary>
    public EmailTemplate Mattermost => new(Subject, "", MattermostBody ?? "");

    public static Topic Create(string code, string? description, EmailTemplate email, string? mattermostBody = null)
    {
        var topic = new Topic { Code = code.Trim() };
        topic.Update(description, email, mattermostBody);
        return topic;
    }

    public void Update(string? description, EmailTemplate email, string? mattermostBody)
    {
        Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
        (Subject, HtmlBody, TextBody) = (email.Subject, email.HtmlBody, email.TextBody);
        MattermostBody = string.IsNullOrWhiteSpace(mattermostBody) ? null : mattermostBody;
    }
}
