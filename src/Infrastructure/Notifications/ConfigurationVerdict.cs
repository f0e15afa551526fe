using Switchboard.Domain.Notifications;
using Switchboard.Domain.Notifications.Templates;

namespace Switchboard.Infrastructure.Notifications;

/// <summary>What one configuration made of one event: the messages it would send, or why it sends none.</summary>
public sealed record ConfigurationVerdict(
    NotificationConfiguration Configuration, VerdictKind Kind, string? Reason, IReadOnlyList<string> Skipped, IReadOnlyList<PlannedMessage> Messages);

/// <summary>
/// One message on one channel; a Mattermost message carries its Markdown as <see cref="RenderedEmail.TextBody"/>. The
/// <paramref name="Model"/> it was rendered from goes with it (a digest keeps it); null when the evaluator does not render.
/// </summary>
public sealed record PlannedMessage(Recipient Recipient, RenderedEmail Email, DeliveryChannel Channel = DeliveryChannel.Email, TemplateModel? Model = null);

public enum VerdictKind
{
    /// <summary>The rule matched; <see cref="ConfigurationVerdict.Messages"/> lists one message per recipient and channel.</summary>
    Fired,

    /// <summary>Entity type, event, system or user type differ, or the configuration is disabled.</summary>
    NotApplicable,

    /// <summary>The configuration applies, but its rule (or rule script) did not fire.</summary>
    RuleNotMatched,

    /// <summary>A script threw or broke a limit, or a template failed: nothing is sent for this configuration.</summary>
    Failed,

    /// <summary>The configuration watches a date: the event plans or cancels a notification on a day; the reason says which.</summary>
    DatePlanned,
}
