using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.Infrastructure.Persistence;

namespace Switchboard.Infrastructure.Jobs;

/// <summary>
/// Keeps the embedded SQLite database lean: folds the write-ahead log back into the file and refreshes the
/// query planner's statistics, so that pages stay fast as the audit trail grows.
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

    protected override async Task<JobRunResult> RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<SwitchboardDbContext>>()
            .CreateDbContextAsync(cancellationToken);
        if (!db.Database.IsSqlite())
        {
            return JobRunResult.Skipped("nothing to do for this database provider");
        }

        await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);", cancellationToken);
        await db.Database.ExecuteSqlRawAsync("PRAGMA optimize;", cancellationToken);
        return JobRunResult.Succeeded("write-ahead log checkpointed, statistics refreshed");
    }

    private static JobDescriptor Descriptor(DatabaseMaintenanceOptions options) => new(
        Name,
        "Checkpoints the SQLite write-ahead log and refreshes query statistics.",
        options.Interval);
}
