using Microsoft.Extensions.Options;

namespace Switchboard.Infrastructure.Notifications.Scripts;

internal sealed class ScriptOptionsValidator : IValidateOptions<ScriptOptions>
{
    public ValidateOptionsResult Validate(string? name, ScriptOptions options)
    {
        var failures = new List<string>();
        if (options.Timeout <= TimeSpan.Zero)
        {
            failures.Add($"{ScriptOptions.SectionName}:Timeout must be positive.");
        }

        if (options.MaxStatements < 1)
        {
            failures.Add($"{ScriptOptions.SectionName}:MaxStatements must be at least 1.");
        }

        if (options.MaxRecursionDepth < 1)
        {
            failures.Add($"{ScriptOptions.SectionName}:MaxRecursionDepth must be at least 1.");
        }

        if (options.MaxMemoryBytes < 100_000)
        {
            failures.Add($"{ScriptOptions.SectionName}:MaxMemoryBytes must be at least 100000.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
