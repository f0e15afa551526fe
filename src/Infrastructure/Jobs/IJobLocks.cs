namespace Switchboard.Infrastructure.Jobs;

/// <summary>
/// One lock per background job, shared by every instance on the same database, so that a scheduled job runs on one
/// instance at a time (decision 0009). Chosen by <c>Database:Provider</c>: in-process for SQLite (one instance),
/// PostgreSQL advisory locks for PostgreSQL.
/// </summary>
public interface IJobLocks
{
    /// <summary>
    /// Whether a free lock means no other instance runs the job (PostgreSQL: the holder's session ended with it). An
    /// in-process lock knows nothing of other processes, so a run stored as running is never taken up on its say-so.
    /// </summary>
    bool SpansInstances { get; }

    /// <summary>Takes the job's lock, waiting at most <paramref name="wait"/> (<see cref="TimeSpan.Zero"/>: not at all) for its holder to let go.</summary>
    /// <returns>The held lock (dispose to release it), or null when another instance or run still holds it.</returns>
    Task<IAsyncDisposable?> TryAcquireAsync(string jobName, TimeSpan wait, CancellationToken cancellationToken);
}
