namespace Switchboard.Infrastructure.Jobs;

/// <summary>What a background job is: a stable name (used in URLs and the audit trail), a line for people, and its interval.</summary>
/// <param name="Interval">Time between scheduled runs; <see cref="TimeSpan.Zero"/> means on demand only.</param>
/// <param name="RunAtStart">Run once as soon as the portal starts, for jobs that work off a backlog left by a restart.</param>
public sealed record JobDescriptor(string Name, string Description, TimeSpan Interval, bool RunAtStart = false)
{
    public string Schedule => Interval == TimeSpan.Zero ? "on demand only" : $"every {Interval:c}";
}
