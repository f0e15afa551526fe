using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Domain.Events;
using Switchboard.Infrastructure.Events;
using Switchboard.Infrastructure.Jobs;
using Switchboard.Infrastructure.People;
using Switchboard.Infrastructure.Persistence;

namespace Switchboard.IntegrationTests.People;

/// <summary>Identity events meeting a database another connection holds: a busy database is waited out, never a refusal.</summary>
public sealed class IdentityEventSyncBusyDatabaseTests
{
    private const int EventCount = 1000;

    /// <summary>The busy database under test: another connection holds the write lock this long while the job runs into it.</summary>
    private static readonly TimeSpan LockHeldFor = TimeSpan.FromSeconds(3);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WriteLockHeldByAnotherConnection_EveryEventEndsDone_NoneFailed()
    {
        await using var factory = new PortalFactory();

        // SQLite (200 ms) and the ADO.NET provider's own retries (1 s) give up waiting for the lock early here, so that a
        // lock of a few seconds is well past both (in production 10 s and 30 s; the lock in the report lasted 36 s).
        var file = Path.Combine(factory.DataFolder, "switchboard.db");
        await using var portal = factory.WithWebHostBuilder(b => b
            .UseSetting("Database:BusyTimeout", "00:00:00.200")
            .UseSetting("Database:ConnectionString", $"Data Source={file};Default Timeout=1"));
        var services = portal.Services;
        var job = services.GetRequiredService<JobRegistry>().Find(IdentityEventSyncJob.Name)!;

        // The job's run at start-up is over before the events arrive; from here on it runs when asked (its schedule is 30 s away).
        await Eventually.TrueAsync("the identity event job's first run finished", () => job.Status is { Running: false, LastRunFinishedAt: not null },
            TimeSpan.FromMinutes(2));
        var now = DateTime.UtcNow;
        var events = Enumerable.Range(0, EventCount)
            .Select(i => EntityEvent.Receive($"busy-{i}", EntityTypes.IdmIdentity, "CREATE", $"guid-busy-{i}", $"busy.p{i}", null, now, null,
                $$"""{ "attributes": { "firstName": "P{{i}}", "email": "busy.p{{i}}@example.test" } }""", "test", now))
            .ToList();
        Assert.Equal(EventCount, await services.GetRequiredService<EventStore>().StoreNewAsync(events, Ct));

        await using (var holder = new SqliteConnection($"Data Source={file}"))
        {
            await holder.OpenAsync(Ct);
            await ExecuteAsync(holder, "BEGIN IMMEDIATE");
            job.RequestRun();

            // The lock is the situation under test (not a wait for something): it is held while the job runs into it.
            await Task.Delay(LockHeldFor, Ct);
            await ExecuteAsync(holder, "COMMIT");
        }

        var states = await EventuallyAllSettledAsync(services);
        Assert.Equal(0, states.GetValueOrDefault(DirectorySyncState.Failed));
        Assert.Equal(EventCount, states.GetValueOrDefault(DirectorySyncState.Done));
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(Ct);
    }

    /// <summary>Waits (up to three minutes: a loaded test machine applies a thousand changes slowly) until no event is pending.</summary>
    private static Task<Dictionary<DirectorySyncState, int>> EventuallyAllSettledAsync(IServiceProvider services)
    {
        var contexts = services.GetRequiredService<IDbContextFactory<SwitchboardDbContext>>();
        return Eventually.MatchesAsync("no identity event pending (events by state)", async () =>
        {
            await using var db = await contexts.CreateDbContextAsync(Ct);
            return await db.EntityEvents.AsNoTracking()
                .Where(e => e.EventId.StartsWith("busy-"))
                .GroupBy(e => e.DirectorySync)
                .Select(g => new { State = g.Key, Count = g.Count() })
                .ToDictionaryAsync(g => g.State, g => g.Count, Ct);
        }, states => states.GetValueOrDefault(DirectorySyncState.Pending) == 0, TimeSpan.FromMinutes(3));
    }
}
