using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.Domain.Text;
using Switchboard.Infrastructure.Persistence;

namespace Switchboard.Infrastructure.Jobs;

/// <summary>
/// Keeps the embedded SQLite database lean: folds the write-ahead log back into the file and refreshes the
/// query planner's statistics, so that pages stay fast as the audit trail grows; deletes sessions a week after they
/// expired (their sign-ins and sign-outs stay in the audit trail) and job runs older than <see cref="JobsOptions.RunHistoryDays"/>.
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
        var historyDays = services.GetRequiredService<IOptions<JobsOptions>>().Value.RunHistoryDays;
        var runs = await services.GetRequiredService<JobStore>()
            .DeleteRunsBeforeAsync(Time.GetUtcNow().UtcDateTime.AddDays(-historyDays), cancellationToken);
        var deleted = $"{Plural.Of(sessions, "expired session")} deleted, {Plural.Of(runs, "job run")} older than {historyDays} days deleted";
        if (!db.Database.IsSqlite())
        {
            // PostgreSQL's autovacuum reclaims space and refreshes statistics by itself; there is no log to fold back.
            return JobRunResult.Succeeded($"{deleted}; PostgreSQL's autovacuum keeps the statistics, nothing to checkpoint");
        }

        await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);", cancellationToken);
        await db.Database.ExecuteSqlRawAsync("PRAGMA optimize;", cancellationToken);
        return JobRunResult.Succeeded($"write-ahead log checkpointed, statistics refreshed, {deleted}");
    }

    private static JobDescriptor Descriptor(DatabaseMaintenanceOptions options) => new(
        Name,
        "Deletes sessions expired over a week ago and old job runs; on SQLite also checkpoints the write-ahead log and refreshes query statistics.",
        options.Interval);
}
