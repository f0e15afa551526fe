namespace Switchboard.Infrastructure.ChatOps;

/// <summary>
/// What the webhook answers Mattermost: a reply posted in the thread (200, or 429 when a person or channel is over its
/// limit), or a refusal with a title and detail (401, 400, 429 for a source with too many rejected calls).
/// </summary>
public sealed record WebhookAnswer(int StatusCode, string Text, string? RefusalTitle = null)
{
    public bool IsRefusal => RefusalTitle is not null;

    public static WebhookAnswer Reply(string text, int statusCode = 200) => new(statusCode, text);

    public static WebhookAnswer Refusal(int statusCode, string title, string detail) => new(statusCode, detail, title);
}
