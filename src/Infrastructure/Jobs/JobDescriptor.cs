namespace Switchboard.Infrastructure.Jobs;

/// <summary>What a background job is: a stable name (used in URLs and the audit trail), a line for people, and its interval.</summary>
/// <param name="Interval">Time between scheduled runs; <see cref="TimeSpan.Zero"/> means on demand only.</param>
public sealed record JobDescriptor(string Name, string Description, TimeSpan Interval)
{
    public string Schedule => Interval == TimeSpan.Zero ? "on demand only" : $"every {Interval:c}";
}
