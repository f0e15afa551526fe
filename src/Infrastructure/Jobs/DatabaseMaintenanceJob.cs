using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.Infrastructure.Persistence;

namespace Switchboard.Infrastructure.Jobs;

/// <summary>
/// Keeps the embedded SQLite database lean: folds the write-ahead log back into the file and refreshes the
/// query planner's statistics, so that pages stay fast as the audit trail grows; deletes sessions a week after they
/// expired (their sign-ins and sign-outs stay in the audit trail).
/// </summary>
public sealed class DatabaseMaintenanceJob(
    IOptions<DatabaseMaintenanceOptions> options,
    JobRegistry registry,
    IServiceScopeFactory scopes,
    TimeProvider time,
    ILogger<DatabaseMaintenanceJob> logger)
    : PeriodicJob(Descriptor(options.Value), registry, scopes, time, logger)
{
    public const string Name = "database-maintenance";

    private static readonly TimeSpan SessionRetention = TimeSpan.FromDays(7);

    protected override async Task<JobRunResult> RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<SwitchboardDbContext>>()
            .CreateDbContextAsync(cancellationToken);
        var cutoff = Time.GetUtcNow().UtcDateTime - SessionRetention;
        var sessions = await db.PortalSessions.Where(s => s.ExpiresAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        if (!db.Database.IsSqlite())
        {
            // PostgreSQL's autovacuum reclaims space and refreshes statistics by itself; there is no log to fold back.
            return JobRunResult.Succeeded($"{Sessions(sessions)} deleted; PostgreSQL's autovacuum keeps the statistics, nothing to checkpoint");
        }

        await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);", cancellationToken);
        await db.Database.ExecuteSqlRawAsync("PRAGMA optimize;", cancellationToken);
        return JobRunResult.Succeeded($"write-ahead log checkpointed, statistics refreshed, {Sessions(sessions)} deleted");
    }

    private static string Sessions(int count) => count == 1 ? "1 expired session" : $"{count} expired sessions";

    private static JobDescriptor Descriptor(DatabaseMaintenanceOptions options) => new(
        Name,
        "Deletes sessions expired over a week ago; on SQLite also checkpoints the write-ahead log and refreshes query statistics.",
        options.Interval);
}
