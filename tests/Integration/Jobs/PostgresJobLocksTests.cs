using System.Diagnostics;
using Npgsql;
using Switchboard.Infrastructure.Jobs;

namespace Switchboard.IntegrationTests.Jobs;

/// <summary>The job locks of several instances on one PostgreSQL database (advisory locks through DistributedLock.Postgres).</summary>
public sealed class PostgresJobLocksTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    private const string Job = "token-regeneration";

    /// <summary>How soon a freed lock must be taken by the other instance: one coordination check plus slack for a loaded machine.</summary>
    private static readonly TimeSpan Bound = new JobsOptions().CoordinationInterval + TimeSpan.FromSeconds(5);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TwoInstances_OnOneDatabase_OnlyOneGetsTheJobsLock()
    {
        var database = await postgres.CreateDatabaseAsync();
        var (a, b) = (new PostgresJobLocks(database), new PostgresJobLocks(database));

        await using var heldByA = await a.TryAcquireAsync(Job, TimeSpan.Zero, Ct);
        await using var heldByB = await b.TryAcquireAsync(Job, TimeSpan.Zero, Ct);

        Assert.NotNull(heldByA);
        Assert.Null(heldByB);
        await using var otherJobOnB = await b.TryAcquireAsync("database-maintenance", TimeSpan.Zero, Ct);
        Assert.NotNull(otherJobOnB);
    }

    [Fact]
    public async Task Holder_ThatReleases_LetsTheOtherInstanceTakeTheLock()
    {
        var database = await postgres.CreateDatabaseAsync();
        var (a, b) = (new PostgresJobLocks(database), new PostgresJobLocks(database));
        var heldByA = await a.TryAcquireAsync(Job, TimeSpan.Zero, Ct);
        Assert.NotNull(heldByA);

        await heldByA.DisposeAsync();

        await using var heldByB = await b.TryAcquireAsync(Job, TimeSpan.Zero, Ct);
        Assert.NotNull(heldByB);
    }

    [Fact]
    public async Task Holder_WhoseConnectionDies_FreesTheLock_AndTheOtherInstanceTakesItWithinTheBound()
    {
        var database = await postgres.CreateDatabaseAsync();
        var (a, b) = (new PostgresJobLocks(database), new PostgresJobLocks(database));
        var heldByA = await a.TryAcquireAsync(Job, TimeSpan.Zero, Ct);
        Assert.NotNull(heldByA);
        Assert.Null(await b.TryAcquireAsync(Job, TimeSpan.Zero, Ct));

        // The holding instance dies: its session ends as it would when the process is killed.
        var killed = await TerminateAdvisoryLockHoldersAsync(database);
        var clock = Stopwatch.StartNew();
        var heldByB = await Eventually.FoundAsync("the other instance to take the lock", () => b.TryAcquireAsync(Job, TimeSpan.Zero, Ct), Bound);

        Assert.Equal(1, killed);
        Assert.True(clock.Elapsed <= Bound, $"taken after {clock.Elapsed}");
        await heldByB.DisposeAsync();
    }

    private static async Task<int> TerminateAdvisoryLockHoldersAsync(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync(Ct);
        await using var kill = new NpgsqlCommand(
            "SELECT count(*)::int FROM (SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted AND pid <> pg_backend_pid()) AS ended",
            connection);
        return (int)(await kill.ExecuteScalarAsync(Ct))!;
    }
}
