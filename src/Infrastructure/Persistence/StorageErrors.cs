using Microsoft.Data.Sqlite;

namespace Switchboard.Infrastructure.Persistence;

/// <summary>Tells a storage failure that goes away by itself (another connection holds the lock) from one that does not.</summary>
public static class StorageErrors
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;

    /// <summary>
    /// True when the database was busy or locked (SQLite error 5 or 6, also wrapped, e.g. in a DbUpdateException):
    /// the same work succeeds once the other connection lets go, so it is retried, never recorded as refused.
    /// </summary>
    public static bool IsTransient(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked })
            {
                return true;
            }
        }

        return false;
    }
}
