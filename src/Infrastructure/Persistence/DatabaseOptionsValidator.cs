using Microsoft.Extensions.Options;
using Switchboard.Infrastructure.Persistence.Postgres;

namespace Switchboard.Infrastructure.Persistence;

internal sealed class DatabaseOptionsValidator : IValidateOptions<DatabaseOptions>
{
    public ValidateOptionsResult Validate(string? name, DatabaseOptions options)
    {
        var failures = new List<string>();
        var sqlite = string.Equals(options.Provider, DatabaseOptions.Sqlite, StringComparison.OrdinalIgnoreCase);
        if (!sqlite && !options.IsPostgres)
        {
            failures.Add($"{DatabaseOptions.SectionName}:Provider '{options.Provider}' is not supported; use '{DatabaseOptions.Sqlite}' or '{DatabaseOptions.Postgres}'.");
        }

        if (sqlite && string.IsNullOrWhiteSpace(options.DataFolder))
        {
            failures.Add($"{DatabaseOptions.SectionName}:DataFolder must name a folder.");
        }

        if (options.IsPostgres)
        {
            if (string.IsNullOrWhiteSpace(options.ConnectionString))
            {
                failures.Add($"{DatabaseOptions.SectionName}:ConnectionString is required when {DatabaseOptions.SectionName}:Provider is '{DatabaseOptions.Postgres}' (e.g. Host=db;Database=switchboard;Username=switchboard;Password=…).");
            }
            else if (PostgresConnectionSettings.Problem(options.ConnectionString) is { } problem)
            {
                failures.Add($"{DatabaseOptions.SectionName}:ConnectionString is not a PostgreSQL connection string: {problem}");
            }
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
