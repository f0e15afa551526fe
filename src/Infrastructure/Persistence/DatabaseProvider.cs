using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Switchboard.Infrastructure.Persistence.Postgres;

namespace Switchboard.Infrastructure.Persistence;

/// <summary>The one place that turns <c>Database:*</c> into a configured EF Core provider.</summary>
internal static class DatabaseProvider
{
    public static DbContextOptionsBuilder Use(this DbContextOptionsBuilder options, DatabaseOptions database, params IInterceptor[] interceptors)
    {
        if (database.IsPostgres)
        {
            // The folder is neither created nor probed: PostgreSQL keeps its files itself.
            return options.UseNpgsql(PostgresConnectionSettings.Apply(database.ResolvedConnectionString)).AddInterceptors(interceptors);
        }

        // The folder is created (and proven writable) by DatabaseMigrator, before any context opens.
        return options.UseSqlite(database.ResolvedConnectionString).AddInterceptors([new SqliteConnectionSettings(database.BusyTimeout), .. interceptors]);
    }
}
