using Microsoft.Extensions.Options;

namespace Switchboard.Infrastructure.Notifications;

internal sealed class NotificationLimitsOptionsValidator : IValidateOptions<NotificationLimitsOptions>
{
    public ValidateOptionsResult Validate(string? name, NotificationLimitsOptions options)
    {
        const string Section = NotificationLimitsOptions.SectionName;
        var failures = new List<string>();
        if (options.TimePerConfiguration <= TimeSpan.Zero || options.TimePerConfiguration > TimeSpan.FromMinutes(5))
        {
            failures.Add($"{Section}:TimePerConfiguration must be positive and at most 00:05:00.");
        }

        if (options.MaxRecipients < 1)
        {
            failures.Add($"{Section}:MaxRecipients must be at least 1.");
        }

        if (options.TemplateMaxSteps < 100)
        {
            failures.Add($"{Section}:TemplateMaxSteps must be at least 100.");
        }

        if (options.TemplateMaxRecursion < 1)
        {
            failures.Add($"{Section}:TemplateMaxRecursion must be at least 1.");
        }

        if (options.MaxRenderedCharacters < 1_000)
        {
            failures.Add($"{Section}:MaxRenderedCharacters must be at least 1000.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
