namespace Switchboard.Portal.Features.ChatOps;

/// <summary>The answer Mattermost posts as a reply in the thread.</summary>
public sealed record HookReply(
    [property: System.Text.Json.Serialization.JsonPropertyName("response_type")] string ResponseType,
    [property: System.Text.Json.Serialization.JsonPropertyName("text")] string Text)
{
    public static HookReply Comment(string text) => new("comment", text);
}
