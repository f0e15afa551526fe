using Microsoft.Extensions.Options;
using Switchboard.Infrastructure.Http;

namespace Switchboard.Infrastructure.Listeners;

internal sealed class ListenerOptionsValidator : IValidateOptions<ListenerOptions>
{
    private const string Section = ListenerOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, ListenerOptions options)
    {
        var failures = new List<string>();
        if (options.Interval < TimeSpan.FromSeconds(1) || options.Timeout <= TimeSpan.Zero || options.Timeout >= options.Interval)
        {
            failures.Add($"{Section}:Interval must be at least 1 s and Timeout positive and shorter than the interval.");
        }

        if (options.Timeout > HttpResilience.LongestCall)
        {
            failures.Add($"{Section}:Timeout must be at most {HttpResilience.LongestCall.TotalSeconds:0} seconds.");
        }

        if (options.DownAfter < 1 || options.Jitter is < 0 or > 1 || options.Retention < TimeSpan.FromHours(1))
        {
            failures.Add($"{Section}:DownAfter must be at least 1, Jitter between 0 and 1, Retention at least one hour.");
        }

        for (var i = 0; i < options.Deployments.Count; i++)
        {
            var deployment = options.Deployments[i];
            if (string.IsNullOrWhiteSpace(deployment.Name) || options.Deployments.Count(d => d.Name == deployment.Name) > 1)
            {
                failures.Add($"{Section}:Deployments:{i}:Name must be set and unique.");
            }

            if (!Uri.TryCreate(deployment.ServiceUrl, UriKind.Absolute, out _))
            {
                failures.Add($"{Section}:Deployments:{i}:ServiceUrl must be an absolute URL.");
            }

            if (deployment.CreatioUrl is { Length: > 0 } creatio && !Uri.TryCreate(creatio, UriKind.Absolute, out _))
            {
                failures.Add($"{Section}:Deployments:{i}:CreatioUrl must be an absolute URL.");
            }

            if (deployment.Replicas < 1 || deployment.RedisDatabase < 0)
            {
                failures.Add($"{Section}:Deployments:{i}: Replicas must be at least 1 and RedisDatabase not negative.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
