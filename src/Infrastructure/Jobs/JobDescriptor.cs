using Cronos;

namespace Switchboard.Infrastructure.Jobs;

/// <summary>What a background job is: a stable name (used in URLs and the audit trail), a line for people, and its schedule.</summary>
/// <param name="Interval">Time between scheduled runs; <see cref="TimeSpan.Zero"/> (and no <paramref name="Cron"/>) means on demand only.</param>
/// <param name="RunAtStart">Run once as soon as the portal starts, for jobs that work off a backlog left by a restart.</param>
/// <param name="Cron">A five-field cron expression (UTC) used instead of the interval.</param>
/// <param name="Continuous">
/// A service that runs all the time (a broker consumer, the listener monitor) rather than in runs: its state is what it
/// is doing now; Run now wakes it (reconnect now, check now); it has no schedule to pause.
/// </param>
/// <param name="EveryInstance">
/// The job claims its work item by item (the outbox sender, ChatOps retries), so every instance runs it side by side:
/// no job lock and no "once per due time". Otherwise (the default) one instance at a time runs it, once per due time.
/// </param>
/// <param name="Startup">
/// A service that does its work once while the portal starts (see <see cref="StartupJob"/>): its state is what it did;
/// it has no Run now and no schedule to pause.
/// </param>
public sealed record JobDescriptor(
    string Name, string Description, TimeSpan Interval, bool RunAtStart = false, string? Cron = null, bool Continuous = false,
    bool EveryInstance = false, bool Startup = false)
{
    public string Schedule => Startup ? "once at start-up"
        : Continuous ? "continuous"
        : !string.IsNullOrWhiteSpace(Cron) ? $"cron {Cron} (UTC)"
        : Interval == TimeSpan.Zero ? "on demand only"
        : $"every {Interval:c}";

    /// <summary>
    /// When the schedule next comes round after <paramref name="now"/>, or null for on demand only. Interval due times
    /// are whole multiples of the interval (every 6 h: 00:00, 06:00, …), the same on every instance, so that instances
    /// agree which due time a run serves.
    /// </summary>
    public DateTime? NextAfter(DateTime now)
    {
        if (!string.IsNullOrWhiteSpace(Cron))
        {
            return CronExpression.Parse(Cron).GetNextOccurrence(DateTime.SpecifyKind(now, DateTimeKind.Utc));
        }

        if (Interval <= TimeSpan.Zero || Continuous || Startup)
        {
            return null;
        }

        var slots = now.Ticks / Interval.Ticks;
        return new DateTime((slots + 1) * Interval.Ticks, DateTimeKind.Utc);
    }
}
