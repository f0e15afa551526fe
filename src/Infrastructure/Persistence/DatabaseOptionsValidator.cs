using Microsoft.Extensions.Options;

namespace Switchboard.Infrastructure.Persistence;

internal sealed class DatabaseOptionsValidator : IValidateOptions<DatabaseOptions>
{
    public ValidateOptionsResult Validate(string? name, DatabaseOptions options)
    {
        var failures = new List<string>();
        if (!string.Equals(options.Provider, "Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            failures.Add($"{DatabaseOptions.SectionName}:Provider '{options.Provider}' is not supported; use 'Sqlite'.");
        }

        if (string.IsNullOrWhiteSpace(options.DataFolder))
        {
            failures.Add($"{DatabaseOptions.SectionName}:DataFolder must name a folder.");
        }

        if (options.MinimumFreeSpaceMegabytes < 0)
        {
            failures.Add($"{DatabaseOptions.SectionName}:MinimumFreeSpaceMegabytes must be 0 (no check) or more.");
        }

        if (options.BusyTimeout < TimeSpan.Zero || options.BusyTimeout > TimeSpan.FromMinutes(10))
        {
            failures.Add($"{DatabaseOptions.SectionName}:BusyTimeout must be between 00:00:00 and 00:10:00.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
