using Microsoft.EntityFrameworkCore;
using Switchboard.Infrastructure.Persistence;

namespace Switchboard.IntegrationTests.Persistence;

public sealed class MigrationTests
{
    [Fact]
    public void Model_HasNoChangesMissingFromTheMigrations()
    {
        using var db = new SwitchboardDbContext(new DbContextOptionsBuilder<SwitchboardDbContext>().UseSqlite("Data Source=:memory:").Options);

        Assert.False(db.Database.HasPendingModelChanges(), "Run 'dotnet ef migrations add <Name> --project src/Infrastructure'.");
    }

    [Fact]
    public async Task Migrations_ApplyToAnEmptySqliteDatabase()
    {
        var file = Path.Combine(Path.GetTempPath(), $"switchboard-migrate-{Guid.NewGuid():N}.db");
        await using (var db = new SwitchboardDbContext(new DbContextOptionsBuilder<SwitchboardDbContext>().UseSqlite($"Data Source={file}").Options))
        {
            await db.Database.MigrateAsync(TestContext.Current.CancellationToken);

            Assert.Empty(await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
            Assert.Equal(0, await db.AuditEntries.CountAsync(TestContext.Current.CancellationToken));
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(file);
    }
}
