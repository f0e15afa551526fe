using FluentValidation;
using Switchboard.Domain.Notifications;
using Switchboard.Domain.Notifications.Templates;

namespace Switchboard.Infrastructure.Notifications;

/// <summary>A topic's code is a code, and each template must parse (the message says line and column).</summary>
public sealed class TopicDraftValidator : AbstractValidator<TopicDraft>
{
    public TopicDraftValidator(ITemplateRenderer templates)
    {
        RuleFor(t => t.Code)
            .NotEmpty().MaximumLength(Topic.CodeMaxLength)
            .Matches("^[A-Za-z0-9_.:-]+$").WithMessage("A topic code is letters, digits, '_', '.', ':' and '-', e.g. identity:state-changed.");
        RuleFor(t => t.Description).MaximumLength(Topic.DescriptionMaxLength);
        RuleFor(t => t.Subject).NotEmpty().MaximumLength(Topic.SubjectMaxLength);
        RuleFor(t => t.Subject).Custom((source, context) => CheckTemplate(templates, source, context));
        RuleFor(t => t.HtmlBody).NotNull().WithMessage("Give the HTML template (it may be empty), not null.");
        RuleFor(t => t.TextBody).NotNull().WithMessage("Give the text template (it may be empty), not null.");
        RuleFor(t => t.HtmlBody).Custom((source, context) => CheckTemplate(templates, source, context));
        RuleFor(t => t.TextBody).Custom((source, context) => CheckTemplate(templates, source, context));
        RuleFor(t => t.MattermostBody).MaximumLength(Topic.MattermostBodyMaxLength)
            .Custom((source, context) => CheckTemplate(templates, source, context));
        When(t => t.Digest is not null && !string.IsNullOrWhiteSpace(t.Digest.Subject), () =>
        {
            RuleFor(t => t.Digest!.Subject).MaximumLength(Topic.SubjectMaxLength)
                .Custom((source, context) => CheckTemplate(templates, source, context));
            RuleFor(t => t.Digest!.HtmlBody).Custom((source, context) => CheckTemplate(templates, source, context));
            RuleFor(t => t.Digest!.TextBody).Custom((source, context) => CheckTemplate(templates, source, context));
        });
    }

    private static void CheckTemplate(ITemplateRenderer templates, string? source, ValidationContext<TopicDraft> context)
    {
        var check = templates.Check(source ?? "");
        if (!check.Valid)
        {
            context.AddFailure(check.Line is null
                ? $"The template does not parse: {check.Error}"
                : $"The template does not parse at line {check.Line}, column {check.Column}: {check.Error}");
        }
    }
}
