namespace Switchboard.Domain.ChatOps;

/// <summary>The fields of a Mattermost outgoing-webhook request Switchboard uses (JSON or form-encoded alike).</summary>
public sealed record WebhookPost(
    string? Token, string PostId, string UserName, string? UserId, string? ChannelName, string? ChannelId, string? TeamDomain, string? TeamId, string? Text, string? TriggerWord)
{
    /// <summary>Mattermost's own limit on a post's message.</summary>
    public const int TextMaxLength = 16_383;

    /// <summary>Ids (26 characters), user names (22), channel and team names (64) and tokens are never longer in Mattermost.</summary>
    public const int FieldMaxLength = 64;

    /// <summary>The post with every field cut to what Mattermost itself can send, whatever arrived.</summary>
    public static WebhookPost Capped(Func<string, string?> field) => new(
        Cut(field("token"), FieldMaxLength), Cut(field("post_id"), FieldMaxLength) ?? "", Cut(field("user_name"), FieldMaxLength) ?? "",
        Cut(field("user_id"), FieldMaxLength), Cut(field("channel_name"), FieldMaxLength), Cut(field("channel_id"), FieldMaxLength),
        Cut(field("team_domain"), FieldMaxLength), Cut(field("team_id"), FieldMaxLength), Cut(field("text"), TextMaxLength),
        Cut(field("trigger_word"), FieldMaxLength));

    private static string? Cut(string? value, int max) => value is null || value.Length <= max ? value : value[..max];
}
