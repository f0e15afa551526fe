using Microsoft.Extensions.Options;

namespace Switchboard.Infrastructure.Notifications.Digests;

internal sealed class DigestOptionsValidator : IValidateOptions<DigestOptions>
{
    public ValidateOptionsResult Validate(string? name, DigestOptions options)
    {
        const string Section = DigestOptions.SectionName;
        var failures = new List<string>();
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(options.TimeZone ?? "", out _))
        {
            failures.Add($"{Section}:TimeZone '{options.TimeZone}' is not a time zone this machine knows (e.g. UTC or Europe/Prague).");
        }

        if (options.MaxItemsPerDigest is < 1 or > 10_000)
        {
            failures.Add($"{Section}:MaxItemsPerDigest must be between 1 and 10000.");
        }

        if (!Enum.IsDefined(options.CriticalLevel))
        {
            failures.Add($"{Section}:CriticalLevel must be one of Success, Info, Warning, Error.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
