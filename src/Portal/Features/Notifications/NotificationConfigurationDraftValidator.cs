using FluentValidation;
using Switchboard.Domain.Events;
using Switchboard.Domain.Notifications;
using Switchboard.Domain.Notifications.Rules;

namespace Switchboard.Portal.Features.Notifications;

public sealed class NotificationConfigurationDraftValidator : AbstractValidator<NotificationConfigurationDraft>
{
    public NotificationConfigurationDraftValidator()
    {
        RuleFor(c => c.EntityType).Must(EntityTypes.All.Contains).WithMessage($"Choose one of {string.Join(", ", EntityTypes.All)}.");
        RuleFor(c => c.EventType).Must(EventTypes.All.Contains).WithMessage($"Choose one of {string.Join(", ", EventTypes.All)}.");
        RuleFor(c => c.FormProjection).Empty().When(c => c.EntityType != EntityTypes.IdmIdentity)
            .WithMessage("A user type applies only to IdmIdentity configurations.");
        RuleFor(c => c.System).Empty().When(c => c.EntityType != EntityTypes.SysProvisioningOperation)
            .WithMessage("A system applies only to SysProvisioningOperation configurations.");
        RuleFor(c => c.Rule).NotEmpty().WithMessage("Write a rule, e.g. state:VALID->LEFT, externalCode:CHANGED or ! for always.")
            .MaximumLength(NotificationConfiguration.RuleMaxLength)
            .Custom((rule, context) =>
            {
                foreach (var error in RuleParser.Parse(rule).Errors)
                {
                    context.AddFailure(nameof(NotificationConfigurationDraft.Rule), error.ToString());
                }
            })
            .When(c => !string.IsNullOrWhiteSpace(c.Rule));
        RuleFor(c => c.Topic).NotEmpty().WithMessage("Choose the topic whose e-mail is sent.");
        RuleFor(c => c).Must(c => c.SendToIdentity || c.SendToManager || c.RecipientUsernames.Count > 0 || c.RecipientRoles.Count > 0)
            .WithName("Recipients").WithMessage("Choose at least one recipient: the identity, its manager, listed people or roles.");
    }
}
