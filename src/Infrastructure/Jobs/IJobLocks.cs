namespace Switchboard.Infrastructure.Jobs;

/// <summary>
/// One lock per background job, shared by every instance on the same database, so that a scheduled job runs on one
/// instance at a time (decision 0009). Chosen by <c>Database:Provider</c>: in-process for SQLite (one instance),
/// PostgreSQL advisory locks for PostgreSQL.
/// </summary>
public interface IJobLocks
{
    /// <summary>Takes the job's lock without waiting.</summary>
    /// <returns>The held lock (dispose to release it), or null when another instance or run holds it.</returns>
    Task<IAsyncDisposable?> TryAcquireAsync(string jobName, CancellationToken cancellationToken);
}
