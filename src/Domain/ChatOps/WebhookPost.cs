namespace Switchboard.Domain.ChatOps;

/// <summary>The fields of a Mattermost outgoing-webhook request Switchboard uses (JSON or form-encoded alike).</summary>
public sealed record WebhookPost(
    string? Token, string PostId, string UserName, string? UserId, string? ChannelName, string? ChannelId, string? TeamDomain, string? TeamId, string? Text, string? TriggerWord);
