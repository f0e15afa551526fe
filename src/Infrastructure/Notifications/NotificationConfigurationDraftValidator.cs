using FluentValidation;
using Switchboard.Domain.Events;
using Switchboard.Domain.Notifications;
using Switchboard.Domain.Notifications.DateWatches;
using Switchboard.Domain.Notifications.Digests;
using Switchboard.Domain.Notifications.Rules;
using Switchboard.Domain.Notifications.Scripts;
using Switchboard.Infrastructure.Notifications.Digests;

namespace Switchboard.Infrastructure.Notifications;

public sealed partial class NotificationConfigurationDraftValidator : AbstractValidator<NotificationConfigurationDraft>
{
    /// <summary>The most usernames, and the most roles, one configuration lists as recipients.</summary>
    public const int MaxListedRecipients = 200;

    public NotificationConfigurationDraftValidator(INotificationScripts scripts)
    {
        RuleFor(c => c.EntityType).Must(EntityTypes.All.Contains).WithMessage($"Choose one of {string.Join(", ", EntityTypes.All)}.");
        RuleFor(c => c.EventType).Must(EventTypes.All.Contains).WithMessage($"Choose one of {string.Join(", ", EventTypes.All)}.");
        RuleFor(c => c.FormProjection).Empty().When(c => c.EntityType != EntityTypes.IdmIdentity)
            .WithMessage("A user type applies only to IdmIdentity configurations.");
        RuleFor(c => c.System).Empty().When(c => c.EntityType != EntityTypes.SysProvisioningOperation)
            .WithMessage("A system applies only to SysProvisioningOperation configurations.");
        RuleFor(c => c.Rule).NotEmpty().When(c => string.IsNullOrWhiteSpace(c.RuleScript))
            .WithMessage("Write a rule, e.g. state:VALID->LEFT, externalCode:CHANGED or ! for always, or a rule script.");
        RuleFor(c => c.Rule).Empty().When(c => !string.IsNullOrWhiteSpace(c.RuleScript))
            .WithMessage("Use a rule or a rule script, not both.");
        RuleFor(c => c.Rule)
            .MaximumLength(NotificationConfiguration.RuleMaxLength)
            .Custom((rule, context) =>
            {
                foreach (var error in RuleParser.Parse(rule).Errors)
                {
                    context.AddFailure(nameof(NotificationConfigurationDraft.Rule), error.ToString());
                }
            })
            .When(c => !string.IsNullOrWhiteSpace(c.Rule));
        RuleFor(c => c.RuleScript).MaximumLength(NotificationConfiguration.ScriptMaxLength)
            .Custom((script, context) => CheckSyntax(scripts, script, "rule script", context));
        RuleFor(c => c.RecipientsScript).MaximumLength(NotificationConfiguration.ScriptMaxLength)
            .Custom((script, context) => CheckSyntax(scripts, script, "recipients script", context));
        RuleFor(c => c.Topic).NotEmpty().WithMessage("Choose the topic whose e-mail is sent.");
        RuleFor(c => c.RecipientUsernames).Must(Listed).WithMessage($"Give at most {MaxListedRecipients} usernames, as a list without nulls.");
        RuleFor(c => c.RecipientRoles).Must(Listed).WithMessage($"Give at most {MaxListedRecipients} role codes, as a list without nulls.");
        RuleFor(c => c).Must(c => c.SendToIdentity || c.SendToManager || c.RecipientUsernames?.Count > 0 || c.RecipientRoles?.Count > 0
                || !string.IsNullOrWhiteSpace(c.RecipientsScript))
            .WithName("Recipients").WithMessage("Choose at least one recipient: the identity, its manager, listed people, roles or a recipients script.");
        RuleFor(c => c).Must(c => c.SendEmail || c.SendMattermostDirect || c.PostToMattermostChannel)
            .WithName("Channels").WithMessage("Choose at least one channel: e-mail, Mattermost direct messages or a Mattermost channel.");
        RuleFor(c => c.MattermostWebhookUrl)
            .Must(MattermostWebhookSecrets.IsWebhookUrl).When(c => !string.IsNullOrWhiteSpace(c.MattermostWebhookUrl))
            .WithMessage("Give the incoming webhook's URL as Mattermost shows it, e.g. https://chat.example.org/hooks/xxx-generatedkey-xxx.")
            .MaximumLength(NotificationConfiguration.WebhookUrlMaxLength);
        When(c => c.Digest is not null, () =>
        {
            RuleFor(c => c.Digest!).Must(d => (d.EveryMinutes is null) != string.IsNullOrWhiteSpace(d.Cron))
                .WithName("Digest").WithMessage("A digest is sent either every N minutes or on a cron schedule: give one of the two.");
            RuleFor(c => c.Digest!.EveryMinutes).InclusiveBetween(1, DigestSchedule.MaxMinutes).When(c => c.Digest!.EveryMinutes is not null)
                .OverridePropertyName("Digest.EveryMinutes").WithMessage($"Send a digest every 1 to {DigestSchedule.MaxMinutes} minutes (a week).");
            RuleFor(c => c.Digest!.Cron).MaximumLength(DigestSchedule.CronMaxLength).Must(DigestTiming.IsCron).When(c => !string.IsNullOrWhiteSpace(c.Digest!.Cron))
                .OverridePropertyName("Digest.Cron").WithMessage("Give five cron fields, minute hour day month weekday, e.g. 0 8 * * 1-5 for 8:00 on working days.");
            RuleFor(c => c.SendEmail).Equal(true).OverridePropertyName("Digest").WithMessage("A digest gathers e-mails: choose e-mail as a channel, or send at once.");
        });
        When(c => c.WatchDate is not null, () =>
        {
            RuleFor(c => c.WatchDate!.Attribute).Must(IsWatchableAttribute).OverridePropertyName("WatchDate.Attribute")
                .WithMessage("Name the date attribute: a standard one such as validTill, or an EAV as EAV:contractEnd.");
            RuleFor(c => c.WatchDate!.OffsetDays).InclusiveBetween(-DateWatch.MaxOffsetDays, DateWatch.MaxOffsetDays).OverridePropertyName("WatchDate.OffsetDays")
                .WithMessage($"Fire at most {DateWatch.MaxOffsetDays} days before or after the date.");
            RuleFor(c => c.EntityType).Equal(EntityTypes.IdmIdentity).OverridePropertyName("WatchDate")
                .WithMessage("Only identities have dates to watch: choose IdmIdentity.");
            RuleFor(c => c.Rule).Must(r => r?.Trim() == "!").When(c => string.IsNullOrWhiteSpace(c.RuleScript)).OverridePropertyName("WatchDate")
                .WithMessage("A date watch fires on the day, not on a change: write ! as its rule (its user type says whom it watches).");
            RuleFor(c => c.RuleScript).Empty().OverridePropertyName("WatchDate").WithMessage("A date watch fires on the day: it has no rule script.");
            RuleFor(c => c.Digest).Null().OverridePropertyName("WatchDate").WithMessage("A date watch sends at once on the day: choose at once, not a digest.");
        });
        RuleFor(c => c.MattermostWebhookUrl).Empty().When(c => !c.PostToMattermostChannel)
            .WithMessage("A webhook URL belongs only to a configuration that posts to a Mattermost channel.");
    }

    private static bool IsWatchableAttribute(string? attribute) =>
        attribute is { Length: > 0 and <= DateWatch.AttributeMaxLength } && AttributeName().IsMatch(attribute);

    [System.Text.RegularExpressions.GeneratedRegex("^(EAV:)?[A-Za-z][A-Za-z0-9_.-]*$")]
    private static partial System.Text.RegularExpressions.Regex AttributeName();

    // A JSON body can hold null where the draft's types say a list or a text belongs.
    private static bool Listed(IReadOnlyList<string>? items) => items is not null && items.Count <= MaxListedRecipients && items.All(i => i is not null);

    private static void CheckSyntax(INotificationScripts scripts, string? script, string name, ValidationContext<NotificationConfigurationDraft> context)
    {
        if (!string.IsNullOrWhiteSpace(script) && scripts.SyntaxError(script) is { } error)
        {
            context.AddFailure($"The {name} does not parse: {error}");
        }
    }
}
