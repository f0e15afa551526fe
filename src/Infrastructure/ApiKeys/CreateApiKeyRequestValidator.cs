using FluentValidation;
using Switchboard.Domain.ApiKeys;

namespace Switchboard.Infrastructure.ApiKeys;

public sealed class CreateApiKeyRequestValidator : AbstractValidator<CreateApiKeyRequest>
{
    public CreateApiKeyRequestValidator(TimeProvider time)
    {
        RuleFor(r => r.Name)
            .NotEmpty().WithMessage("Give the key a name that says which machine uses it.")
            .MaximumLength(ApiKey.NameMaxLength);
        RuleFor(r => r.Scopes)
            .NotEmpty().WithMessage("Choose at least one scope.");
        RuleForEach(r => r.Scopes)
            .Must(ApiKeyScopes.IsKnown).WithMessage("'{PropertyValue}' is not a known scope.");
        RuleFor(r => r.ExpiresOn)
            .Must(date => date is null || date.Value.Date >= time.GetUtcNow().UtcDateTime.Date)
            .WithMessage("The expiry date must be today or later.");
    }
}
