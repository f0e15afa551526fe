using Switchboard.Domain.Notifications.DateWatches;
using Switchboard.Domain.Notifications.Digests;

namespace Switchboard.Domain.Notifications;

/// <summary>
/// When to notify whom: for events of an entity type and event type (optionally only for one user type or one
/// system) whose change matches the rule, send the topic's e-mail at a level to the chosen recipients.
/// </summary>
public sealed class NotificationConfiguration
{
    public const int RuleMaxLength = 1000;
    public const int ScriptMaxLength = 20_000;
    public const int FailureMaxLength = 1000;
    public const int WebhookUrlMaxLength = 500;
    public const int ProtectedWebhookMaxLength = 2000;
    public const int WebhookHintMaxLength = 200;

    private NotificationConfiguration()
    {
    }

    public int Id { get; private set; }
    public string EntityType { get; private set; } = "";
    public string EventType { get; private set; } = "";
    public string? FormProjection { get; private set; }
    public string? System { get; private set; }

    /// <summary>The attribute rule; empty when <see cref="RuleScript"/> decides instead.</summary>
    public string Rule { get; private set; } = "";

    /// <summary>JavaScript returning true when the configuration fires; used instead of <see cref="Rule"/>.</summary>
    public string? RuleScript { get; private set; }
    public int TopicId { get; private set; }
    public Topic? Topic { get; private set; }
    public NotificationLevel Level { get; private set; }
    public bool SendToIdentity { get; private set; }
    public bool SendToManager { get; private set; }
    public List<string> RecipientUsernames { get; private set; } = [];
    public List<string> RecipientRoles { get; private set; } = [];

    /// <summary>JavaScript returning more recipients: usernames or e-mail addresses.</summary>
    public string? RecipientsScript { get; private set; }
    public bool Disabled { get; private set; }
    public string? Description { get; private set; }

    public bool SendEmail { get; private set; } = true;
    public bool SendMattermostDirect { get; private set; }
    public bool PostToMattermostChannel { get; private set; }

    /// <summary>The incoming webhook's URL, encrypted at rest; null when the configuration posts to no channel.</summary>
    public string? ProtectedWebhookUrl { get; private set; }

    /// <summary>What pages show of the webhook: the server and the start of the hook's id, never the whole URL.</summary>
    public string? WebhookHint { get; private set; }

    /// <summary>Minutes a digest waits after its first change; null unless the configuration sends its e-mails as a digest every N minutes.</summary>
    public int? DigestEveryMinutes { get; private set; }

    /// <summary>The cron expression of a digest sent at set times; null unless the configuration sends its e-mails so.</summary>
    public string? DigestCron { get; private set; }

    /// <summary>How the configuration's e-mails are gathered into digests; null when each change is sent at once.</summary>
    public DigestSchedule? Digest => DigestEveryMinutes is null && DigestCron is null ? null : new DigestSchedule(DigestEveryMinutes, DigestCron);

    /// <summary>The watched date attribute (<c>validTill</c>, <c>EAV:contractEnd</c>); null unless the configuration fires ahead of a date.</summary>
    public string? WatchAttribute { get; private set; }

    /// <summary>Days from the watched date to the notification (negative: before it); null unless the configuration watches a date.</summary>
    public int? WatchOffsetDays { get; private set; }

    /// <summary>The date the configuration watches instead of changes; null for a configuration that fires on changes.</summary>
    public DateWatch? WatchDate => WatchAttribute is null ? null : new DateWatch(WatchAttribute, WatchOffsetDays ?? 0);

    public IReadOnlyList<DeliveryChannel> Channels =>
    [
        .. SendEmail ? [DeliveryChannel.Email] : Array.Empty<DeliveryChannel>(),
        .. SendMattermostDirect ? [DeliveryChannel.MattermostDirect] : Array.Empty<DeliveryChannel>(),
        .. PostToMattermostChannel ? [DeliveryChannel.MattermostChannel] : Array.Empty<DeliveryChannel>(),
    ];

    /// <summary>How often this configuration failed to evaluate (a script threw or broke a limit), and the last reason.</summary>
    public int FailureCount { get; private set; }
    public string? LastFailure { get; private set; }
    public DateTime? LastFailureAt { get; private set; }

    public static NotificationConfiguration Create(NotificationConfigurationDraft draft, Topic topic)
    {
        var configuration = new NotificationConfiguration();
        configuration.Update(draft, topic);
        return configuration;
    }

    public void Update(NotificationConfigurationDraft draft, Topic topic)
    {
        EntityType = draft.EntityType;
        EventType = draft.EventType;
        FormProjection = Blank(draft.FormProjection);
        System = Blank(draft.System);
        Rule = draft.Rule.Trim();
        RuleScript = Blank(draft.RuleScript);
        Topic = topic;
        TopicId = topic.Id;
        Level = draft.Level;
        SendToIdentity = draft.SendToIdentity;
        SendToManager = draft.SendToManager;
        RecipientUsernames = draft.RecipientUsernames.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        RecipientRoles = draft.RecipientRoles.Distinct(StringComparer.Ordinal).ToList();
        RecipientsScript = Blank(draft.RecipientsScript);
        Disabled = draft.Disabled;
        Description = Blank(draft.Description);
        (SendEmail, SendMattermostDirect, PostToMattermostChannel) = (draft.SendEmail, draft.SendMattermostDirect, draft.PostToMattermostChannel);
        (DigestEveryMinutes, DigestCron) = (draft.Digest?.EveryMinutes, Blank(draft.Digest?.Cron));
        WatchAttribute = Blank(draft.WatchDate?.Attribute);
        WatchOffsetDays = WatchAttribute is null ? null : draft.WatchDate!.OffsetDays;
        if (!PostToMattermostChannel)
        {
            // No channel, no secret kept for it.
            (ProtectedWebhookUrl, WebhookHint) = (null, null);
        }
    }

    /// <summary>Stores a new incoming webhook, already encrypted, with what pages may show of it.</summary>
    public void SetWebhook(string protectedUrl, string hint) => (ProtectedWebhookUrl, WebhookHint) = (protectedUrl, hint);

    public void SetDisabled(bool disabled) => Disabled = disabled;

    public void RecordFailure(string reason, DateTime now)
    {
        FailureCount++;
        LastFailure = reason.Length > FailureMaxLength ? reason[..FailureMaxLength] : reason;
        LastFailureAt = now;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
