using Switchboard.Domain.Events;
using Switchboard.Domain.Notifications;
using Switchboard.Domain.Notifications.DateWatches;
using Switchboard.Domain.Notifications.Digests;
using Switchboard.Infrastructure.Notifications;

namespace Switchboard.Portal.Features.Notifications;

/// <summary>The configuration editor's model: a mutable copy of a draft for the form to bind to.</summary>
public sealed class ConfigurationForm
{
    public string EntityType { get; set; } = EntityTypes.IdmIdentity;
    public string EventType { get; set; } = EventTypes.Update;
    public string? FormProjection { get; set; }
    public string? System { get; set; }
    public string Rule { get; set; } = "";

    /// <summary>Whether a script decides instead of the attribute rule.</summary>
    public bool UseRuleScript { get; set; }
    public string? RuleScript { get; set; }
    public string? Topic { get; set; }
    public NotificationLevel Level { get; set; } = NotificationLevel.Info;
    public bool SendToIdentity { get; set; }
    public bool SendToManager { get; set; }

    /// <summary>Usernames separated by spaces or commas.</summary>
    public string? People { get; set; }
    public IReadOnlyCollection<string> Roles { get; set; } = [];
    public string? RecipientsScript { get; set; }
    public bool Disabled { get; set; }
    public string? Description { get; set; }
    public bool SendEmail { get; set; } = true;
    public bool SendMattermostDirect { get; set; }
    public bool PostToMattermostChannel { get; set; }

    public DigestChoice Delivery { get; set; } = DigestChoice.AtOnce;
    public int DigestMinutes { get; set; } = 60;
    public string DigestCron { get; set; } = "0 8 * * 1-5";

    /// <summary>Whether the configuration fires ahead of a date instead of on a change (its rule is then <c>!</c>).</summary>
    public bool WatchesDate { get; set; }
    public string WatchAttribute { get; set; } = "validTill";
    public int WatchDays { get; set; } = 14;
    public DateOffsetChoice WatchWhen { get; set; } = DateOffsetChoice.Before;

    /// <summary>A new incoming webhook URL; blank keeps the stored one. Never filled from the server.</summary>
    public string? MattermostWebhookUrl { get; set; }

    public static ConfigurationForm From(NotificationConfigurationDraft draft) => new()
    {
        EntityType = draft.EntityType,
        EventType = draft.EventType,
        FormProjection = draft.FormProjection,
        System = draft.System,
        Rule = draft.Rule,
        UseRuleScript = !string.IsNullOrWhiteSpace(draft.RuleScript),
        RuleScript = draft.RuleScript,
        Topic = draft.Topic,
        Level = draft.Level,
        SendToIdentity = draft.SendToIdentity,
        SendToManager = draft.SendToManager,
        People = string.Join(' ', draft.RecipientUsernames),
        Roles = draft.RecipientRoles.ToList(),
        RecipientsScript = draft.RecipientsScript,
        Disabled = draft.Disabled,
        Description = draft.Description,
        SendEmail = draft.SendEmail,
        SendMattermostDirect = draft.SendMattermostDirect,
        PostToMattermostChannel = draft.PostToMattermostChannel,
        Delivery = draft.Digest switch
        {
            null => DigestChoice.AtOnce,
            { EveryMinutes: not null } => DigestChoice.EveryMinutes,
            _ => DigestChoice.Cron,
        },
        DigestMinutes = draft.Digest?.EveryMinutes ?? 60,
        DigestCron = draft.Digest?.Cron ?? "0 8 * * 1-5",
        WatchesDate = draft.WatchDate is not null,
        WatchAttribute = draft.WatchDate?.Attribute ?? "validTill",
        WatchDays = draft.WatchDate is { OffsetDays: not 0 } watch ? Math.Abs(watch.OffsetDays) : 14,
        WatchWhen = draft.WatchDate?.OffsetDays switch
        {
            > 0 => DateOffsetChoice.After,
            0 => DateOffsetChoice.OnTheDay,
            _ => DateOffsetChoice.Before,
        },
    };

    public NotificationConfigurationDraft ToDraft() => new()
    {
        EntityType = EntityType,
        EventType = EventType,
        FormProjection = EntityType == EntityTypes.IdmIdentity ? FormProjection : null,
        System = EntityType == EntityTypes.SysProvisioningOperation ? System : null,
        Rule = WatchesDate ? "!" : UseRuleScript ? "" : Rule,
        RuleScript = UseRuleScript && !WatchesDate ? RuleScript : null,
        Topic = Topic ?? "",
        Level = Level,
        SendToIdentity = SendToIdentity,
        SendToManager = SendToManager,
        RecipientUsernames = (People ?? "").Split([' ', ',', ';'], StringSplitOptions.RemoveEmptyEntries).ToList(),
        RecipientRoles = Roles.ToList(),
        RecipientsScript = RecipientsScript,
        Disabled = Disabled,
        Description = Description,
        SendEmail = SendEmail,
        SendMattermostDirect = SendMattermostDirect,
        PostToMattermostChannel = PostToMattermostChannel,
        MattermostWebhookUrl = PostToMattermostChannel && !string.IsNullOrWhiteSpace(MattermostWebhookUrl) ? MattermostWebhookUrl.Trim() : null,
        // The delivery choice is shown only with e-mail and without a date watch; otherwise there is nothing to gather.
        Digest = !SendEmail || WatchesDate ? null : Delivery switch
        {
            DigestChoice.EveryMinutes => new DigestSchedule(EveryMinutes: DigestMinutes),
            DigestChoice.Cron => new DigestSchedule(Cron: DigestCron),
            _ => null,
        },
        WatchDate = WatchesDate
            ? new DateWatch(WatchAttribute.Trim(), WatchWhen switch { DateOffsetChoice.Before => -WatchDays, DateOffsetChoice.After => WatchDays, _ => 0 })
            : null,
    };
}
