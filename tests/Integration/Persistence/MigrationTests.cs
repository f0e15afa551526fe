using Microsoft.EntityFrameworkCore;
using Switchboard.Infrastructure.Persistence;
using Switchboard.Infrastructure.Persistence.Postgres;

namespace Switchboard.IntegrationTests.Persistence;

/// <summary>Each provider's migrations: complete for the model, and applicable to an empty database.</summary>
public abstract class MigrationTests
{
    /// <summary>The provider's context on a database of its own (created by the migrations on PostgreSQL).</summary>
    protected abstract SwitchboardDbContext NewContext();

    /// <summary>The command that adds the provider's missing migration.</summary>
    protected abstract string AddMigrationCommand { get; }

    [Fact]
    public void Model_HasNoChangesMissingFromTheMigrations()
    {
        using var db = NewContext();

        Assert.False(db.Database.HasPendingModelChanges(), $"Run '{AddMigrationCommand}'.");
    }

    [Fact]
    public async Task Migrations_ApplyToAnEmptyDatabase()
    {
        await using var db = NewContext();

        await db.Database.MigrateAsync(TestContext.Current.CancellationToken);

        Assert.Empty(await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
        Assert.Equal(0, await db.AuditEntries.CountAsync(TestContext.Current.CancellationToken));
    }
}

public sealed class MigrationTestsOnSqlite : MigrationTests, IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"switchboard-migrate-{Guid.NewGuid():N}.db");

    protected override string AddMigrationCommand =>
        "dotnet ef migrations add <Name> --project src/Infrastructure --context SwitchboardDbContext";

    protected override SwitchboardDbContext NewContext() =>
        new(new DbContextOptionsBuilder<SwitchboardDbContext>().UseSqlite($"Data Source={_file}").Options);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_file);
    }
}

public sealed class MigrationTestsOnPostgres(PostgresServer postgres) : MigrationTests
{
    private readonly string _connectionString = postgres.ConnectionString($"sb_{Guid.NewGuid():N}");

    protected override string AddMigrationCommand =>
        "dotnet ef migrations add <Name> --project src/Infrastructure --context PostgresSwitchboardDbContext";

    protected override SwitchboardDbContext NewContext() =>
        new PostgresSwitchboardDbContext(new DbContextOptionsBuilder<SwitchboardDbContext>().UseNpgsql(_connectionString).Options);
}
