using Cronos;
using Switchboard.Domain.Notifications.Digests;

namespace Switchboard.Infrastructure.Notifications.Digests;

/// <summary>When a recipient's digest is due, from the time its first waiting change was gathered. Pure: the caller says the times.</summary>
public static class DigestTiming
{
    /// <returns>
    /// For a window, the first change's time plus the minutes; for a cron expression, its first time after the first change
    /// (in <paramref name="zone"/>); for no schedule (the configuration now sends at once, or is gone), the first change's time: due now.
    /// </returns>
    public static DateTime DueAt(DigestSchedule? schedule, DateTime firstGatheredAt, TimeZoneInfo zone)
    {
        var first = DateTime.SpecifyKind(firstGatheredAt, DateTimeKind.Utc);
        return schedule switch
        {
            { EveryMinutes: { } minutes } => first.AddMinutes(minutes),
            { Cron: { } cron } => CronExpression.Parse(cron).GetNextOccurrence(first, zone) ?? first,
            _ => first,
        };
    }

    /// <summary>Whether <paramref name="cron"/> is a five-field cron expression Cronos reads.</summary>
    public static bool IsCron(string? cron) => !string.IsNullOrWhiteSpace(cron) && CronExpression.TryParse(cron, out _);
}
