using Cronos;
using Microsoft.Extensions.Options;
using Switchboard.Infrastructure.Http;

namespace Switchboard.Infrastructure.Mattermost;

internal sealed class MattermostOptionsValidator : IValidateOptions<MattermostOptions>
{
    public ValidateOptionsResult Validate(string? name, MattermostOptions options)
    {
        var failures = new List<string>();
        if (options.Enabled && !(Uri.TryCreate(options.Url, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"))
        {
            failures.Add("Mattermost:Url must be the server's http(s) address when Mattermost:Enabled is true.");
        }

        if (options.Enabled && string.IsNullOrWhiteSpace(options.AdminToken))
        {
            failures.Add("Mattermost:AdminToken is required when Mattermost:Enabled is true.");
        }

        if (!string.IsNullOrWhiteSpace(options.Schedule) && !CronExpression.TryParse(options.Schedule, out _))
        {
            failures.Add($"Mattermost:Schedule '{options.Schedule}' is not a five-field cron expression.");
        }

        if (options.Concurrency is < 1 or > 256)
        {
            failures.Add("Mattermost:Concurrency must be between 1 and 256.");
        }

        if (options.TokenLifetime < TimeSpan.Zero || options.RotateWithin < TimeSpan.Zero || options.MaxRetries < 0)
        {
            failures.Add("Mattermost:TokenLifetime, RotateWithin and MaxRetries cannot be negative.");
        }

        if (options.MaxRetries > 10)
        {
            failures.Add("Mattermost:MaxRetries must be at most 10.");
        }

        if (options.RequestTimeout < TimeSpan.FromMilliseconds(100) || options.RequestTimeout > HttpResilience.LongestCall)
        {
            failures.Add($"Mattermost:RequestTimeout must be between 0.1 and {HttpResilience.LongestCall.TotalSeconds:0} seconds.");
        }

        if (options.LeaverStates?.Any(s => string.IsNullOrWhiteSpace(s) || s.Trim().Length > Domain.People.Person.CodeMaxLength) == true)
        {
            failures.Add($"Mattermost:LeaverStates must be states of at most {Domain.People.Person.CodeMaxLength} characters, none blank.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
