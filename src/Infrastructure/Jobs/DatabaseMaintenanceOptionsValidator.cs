using Microsoft.Extensions.Options;

namespace Switchboard.Infrastructure.Jobs;

internal sealed class DatabaseMaintenanceOptionsValidator : IValidateOptions<DatabaseMaintenanceOptions>
{
    public ValidateOptionsResult Validate(string? name, DatabaseMaintenanceOptions options) =>
        options.Interval < TimeSpan.Zero
            ? ValidateOptionsResult.Fail($"{DatabaseMaintenanceOptions.SectionName}:Interval must not be negative (00:00:00 leaves only Run now).")
            : ValidateOptionsResult.Success;
}
