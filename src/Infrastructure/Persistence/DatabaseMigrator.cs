using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Switchboard.Infrastructure.Persistence;

/// <summary>
/// Brings the database up to date before the portal starts listening: hosted services start in registration
/// order, ahead of the web server, so nothing reads the database before this is done.
/// </summary>
internal sealed partial class DatabaseMigrator(
    IDbContextFactory<SwitchboardDbContext> contextFactory,
    IOptions<DatabaseOptions> options,
    ILogger<DatabaseMigrator> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
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
            return;
        }

        try
        {
            await MigrateAsync(cancellationToken);
        }
        catch (DbException ex)
        {
            throw new StartupFailureException($"The database could not be opened and brought up to date: {OneLine(ex.Message)}", ex);
        }

        LogMigrated(logger);
    }

    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Database is up to date")]
    private static partial void LogMigrated(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database migration on start-up is switched off (Database:MigrateOnStartup)")]
    private static partial void LogMigrationSkipped(ILogger logger);
}
