using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.Domain.Text;
using Switchboard.Infrastructure.Jobs;

namespace Switchboard.Infrastructure.Persistence;

/// <summary>
/// Brings the database up to date before the portal starts listening: hosted services start in registration
/// order, ahead of the web server, so nothing reads the database before this is done. Shown on Background jobs with
/// what it did.
/// </summary>
internal sealed partial class DatabaseMigrator(
    IDbContextFactory<SwitchboardDbContext> contextFactory,
    IOptions<DatabaseOptions> options,
    JobRegistry registry,
    TimeProvider time,
    ILogger<DatabaseMigrator> logger)
    : StartupJob(new JobDescriptor(Name, "Checks that the data folder accepts writes and applies the database migrations the code brings.", TimeSpan.Zero), registry, time)
{
    public const string Name = "database-migration";

    protected override async Task<JobRunResult> RunOnceAsync(CancellationToken cancellationToken)
    {
        // A folder that refuses writes would otherwise surface as a SQLite stack trace (or later, as 500s).
        var folder = options.Value.ResolvedDataFolder;
        if (!options.Value.IsPostgres && await DataFolderProbe.TryWriteAsync(folder, cancellationToken) is { } problem)
        {
            throw new StartupFailureException($"{DatabaseOptions.SectionName}:DataFolder '{folder}' does not accept writes: {problem}");
        }

        if (!options.Value.MigrateOnStartup)
        {
            LogMigrationSkipped(logger);
            return JobRunResult.Skipped($"{DatabaseOptions.SectionName}:MigrateOnStartup is off");
        }

        int applied;
        try
        {
            applied = await MigrateAsync(cancellationToken);
        }
        catch (DbException ex)
        {
            throw new StartupFailureException($"The database could not be opened and brought up to date: {OneLine(ex.Message)}", ex);
        }

        LogMigrated(logger, applied);
        return JobRunResult.Succeeded(applied == 0 ? "the database was up to date" : $"applied {Plural.Of(applied, "migration")}");
    }

    /// <returns>How many migrations were applied.</returns>
    private async Task<int> MigrateAsync(CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        return pending;
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");

    [LoggerMessage(Level = LogLevel.Information, Message = "Database is up to date ({Applied} migrations applied)")]
    private static partial void LogMigrated(ILogger logger, int applied);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database migration on start-up is switched off (Database:MigrateOnStartup)")]
    private static partial void LogMigrationSkipped(ILogger logger);
}
