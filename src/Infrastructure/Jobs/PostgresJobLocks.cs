using Medallion.Threading.Postgres;

namespace Switchboard.Infrastructure.Jobs;

/// <summary>
/// The job locks of several instances on one PostgreSQL database: a session-level advisory lock per job
/// (DistributedLock.Postgres), held on a connection of its own for as long as the run lasts. When the holding process
/// dies its connection closes and PostgreSQL frees the lock, so another instance takes the job at its next check.
/// </summary>
public sealed class PostgresJobLocks(string connectionString) : IJobLocks
{
    /// <summary>Keeps Switchboard's advisory locks apart from anything else that uses advisory locks on the database.</summary>
    public const string KeyPrefix = "switchboard-job:";

    public bool SpansInstances => true;

    public async Task<IAsyncDisposable?> TryAcquireAsync(string jobName, TimeSpan wait, CancellationToken cancellationToken)
    {
        var key = new PostgresAdvisoryLockKey(KeyPrefix + jobName, allowHashing: true);
        var distributedLock = new PostgresDistributedLock(key, connectionString);
        return await distributedLock.TryAcquireAsync(wait, cancellationToken);
    }
}
