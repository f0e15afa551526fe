namespace Switchboard.Domain.Notifications;

/// <summary>What the editor, the API and an import say a notification configuration should be.</summary>
public sealed record NotificationConfigurationDraft
{
    public string EntityType { get; init; } = "";
    public string EventType { get; init; } = "";
    public string? FormProjection { get; init; }
    public string? System { get; init; }
    public string Rule { get; init; } = "";
    public string? RuleScript { get; init; }
    public string Topic { get; init; } = "";
    public NotificationLevel Level { get; init; } = NotificationLevel.Info;
    public bool SendToIdentity { get; init; }
    public bool SendToManager { get; init; }
    public IReadOnlyList<string> RecipientUsernames { get; init; } = [];
    public IReadOnlyList<string> RecipientRoles { get; init; } = [];
    public string? RecipientsScript { get; init; }
    public bool Disabled { get; init; }
    public string? Description { get; init; }
}
