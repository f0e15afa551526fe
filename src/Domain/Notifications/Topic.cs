using Switchboard.Domain.Notifications.Templates;

namespace Switchboard.Domain.Notifications;

/// <summary>A notification topic (e.g. <c>identity:state-changed</c>) and the e-mail it sends, as Liquid templates.</summary>
public sealed class Topic
{
    public const int CodeMaxLength = 100;
    public const int DescriptionMaxLength = 500;
    public const int SubjectMaxLength = 1000;

    private Topic()
    {
    }

    public int Id { get; private set; }
    public string Code { get; private set; } = "";
    public string? Description { get; private set; }
    public string Subject { get; private set; } = "";
    public string HtmlBody { get; private set; } = "";
    public string TextBody { get; private set; } = "";

    public EmailTemplate Email => new(Subject, HtmlBody, TextBody);

    public static Topic Create(string code, string? description, EmailTemplate email)
    {
        var topic = new Topic { Code = code.Trim() };
        topic.Update(description, email);
        return topic;
    }

    public void Update(string? description, EmailTemplate email)
    {
        Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
        (Subject, HtmlBody, TextBody) = (email.Subject, email.HtmlBody, email.TextBody);
    }
}
