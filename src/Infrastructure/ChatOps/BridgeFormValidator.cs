using FluentValidation;
using Switchboard.Domain.ChatOps;

namespace Switchboard.Infrastructure.ChatOps;

/// <summary>A bridge needs a URL-safe name, a trigger word, an absolute GLPI URL, and its secrets when it is new.</summary>
public sealed class BridgeFormValidator : AbstractValidator<BridgeForm>
{
    public BridgeFormValidator()
    {
        RuleFor(f => f.Name).Must(Bridge.IsValidName)
            .WithMessage("Lower-case letters, digits and dashes (it becomes the end of the webhook URL), e.g. helpdesk-112.");
        RuleFor(f => f.TriggerWords).Must(t => TriggerWords.Parse(t).Count > 0).WithMessage("At least one trigger word, e.g. 112.");
        RuleFor(f => f.GlpiUrl).Must(u => Uri.TryCreate(u, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            .WithMessage("GLPI's API address, e.g. https://glpi.example.org/apirest.php.");
        RuleFor(f => f.WebhookTokens).Must((form, tokens) => form.HasStoredSecrets || form.TokenList.Count > 0)
            .WithMessage("The token Mattermost shows after saving the outgoing webhook.");
        RuleFor(f => f.UserToken).Must((form, token) => form.HasStoredSecrets || !string.IsNullOrWhiteSpace(token))
            .WithMessage("The user_token (remote access key) of the GLPI user tickets are opened as.");
        RuleFor(f => f.RequestSourceId).GreaterThan(0).WithMessage("The id of the request source (requesttypes_id) in GLPI.");
        RuleFor(f => f.Urgency).InclusiveBetween(1, 5).When(f => f.Urgency is not null).WithMessage("Urgency is 1 (very low) to 5 (very high).");
        RuleFor(f => f.CategoryId).GreaterThan(0).When(f => f.CategoryId is not null);
        RuleFor(f => f.SuccessReply).MaximumLength(1000);
        RuleFor(f => f.FailureReply).MaximumLength(1000);
    }
}
