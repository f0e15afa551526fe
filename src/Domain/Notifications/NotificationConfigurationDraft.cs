using Switchboard.Domain.Notifications.DateWatches;
using Switchboard.Domain.Notifications.Digests;

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

    /// <summary>Send the topic's e-mail to each recipient (the only channel of documents older than the Mattermost channel).</summary>
    public bool SendEmail { get; init; } = true;

    /// <summary>Send the topic's Mattermost message to each recipient with a Mattermost user, from the portal's bot account.</summary>
    public bool SendMattermostDirect { get; init; }

    /// <summary>Post the topic's Mattermost message once per event through the configuration's incoming webhook.</summary>
    public bool PostToMattermostChannel { get; init; }

    /// <summary>
    /// A new incoming webhook URL (a secret: stored encrypted, never read back). Blank keeps the stored one; the stored
    /// configuration and an export never carry it.
    /// </summary>
    public string? MattermostWebhookUrl { get; init; }
    /// <summary>Gather the e-mails per recipient into a digest on this schedule; null (and in older documents) sends each change at once.</summary>
    public DigestSchedule? Digest { get; init; }

    /// <summary>
    /// Fire ahead of (or after) a date-valued attribute of each identity instead of on a change; null (and in older
    /// documents) fires on changes. A date watch's rule is <c>!</c>: which identities it watches is its user type.
    /// </summary>
    public DateWatch? WatchDate { get; init; }
    public bool Disabled { get; init; }
    public string? Description { get; init; }
}
