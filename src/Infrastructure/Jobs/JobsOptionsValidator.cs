using Microsoft.Extensions.Options;

namespace Switchboard.Infrastructure.Jobs;

internal sealed class JobsOptionsValidator : IValidateOptions<JobsOptions>
{
    public ValidateOptionsResult Validate(string? name, JobsOptions options)
    {
        var failures = new List<string>();
        if (options.CoordinationInterval < TimeSpan.FromMilliseconds(100) || options.CoordinationInterval > TimeSpan.FromMinutes(10))
        {
            failures.Add($"{JobsOptions.SectionName}:CoordinationInterval must be between 00:00:00.1 and 00:10:00.");
        }

        if (options.RunHistoryDays is < 1 or > 3650)
        {
            failures.Add($"{JobsOptions.SectionName}:RunHistoryDays must be between 1 and 3650.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
