using Microsoft.Extensions.Options;

namespace Switchboard.Portal.Hosting;

public sealed class MetricsOptionsValidator : IValidateOptions<MetricsOptions>
{
    public ValidateOptionsResult Validate(string? name, MetricsOptions options)
    {
        var failures = new List<string>();
        if (!options.PrometheusPath.StartsWith('/') || options.PrometheusPath.StartsWith("/api", StringComparison.OrdinalIgnoreCase))
        {
            failures.Add($"{MetricsOptions.SectionName}:PrometheusPath must start with '/' and lie outside /api (e.g. /metrics).");
        }

        if (options.BearerToken.Length is > 0 and < MetricsOptions.BearerTokenMinLength)
        {
            failures.Add($"{MetricsOptions.SectionName}:BearerToken must be at least {MetricsOptions.BearerTokenMinLength} characters (or empty for an open endpoint).");
        }

        return failures.Count > 0 ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
    }
}
