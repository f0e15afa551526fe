using Microsoft.Extensions.Options;

namespace Switchboard.Infrastructure.Notifications.DateWatches;

internal sealed class DateWatchOptionsValidator : IValidateOptions<DateWatchOptions>
{
    public ValidateOptionsResult Validate(string? name, DateWatchOptions options)
    {
        const string Section = DateWatchOptions.SectionName;
        var failures = new List<string>();
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(options.TimeZone ?? "", out _))
        {
            failures.Add($"{Section}:TimeZone '{options.TimeZone}' is not a time zone this machine knows (e.g. UTC or Europe/Prague).");
        }

        if (options.Interval < TimeSpan.FromMinutes(1) || options.Interval > TimeSpan.FromDays(1))
        {
            failures.Add($"{Section}:Interval must be between 00:01:00 and 1.00:00:00 (a day starts once it has come: a day's notices wait at most this long).");
        }

        if (options.MaxPerRun is < 1 or > 10_000)
        {
            failures.Add($"{Section}:MaxPerRun must be between 1 and 10000.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
