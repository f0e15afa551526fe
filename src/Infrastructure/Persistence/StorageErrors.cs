using Microsoft.Data.Sqlite;
using Npgsql;

namespace Switchboard.Infrastructure.Persistence;

/// <summary>
/// Reads a storage failure, whichever the provider: one that goes away by itself (another connection holds the lock)
/// and a unique index refusing a second row. Each provider's codes sit here and nowhere else.
/// </summary>
public static class StorageErrors
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteConstraint = 19;
    private const int SqliteConstraintUnique = 2067;
    private const int SqliteConstraintPrimaryKey = 1555;

    /// <summary>
    /// True when the database was busy or locked (SQLite error 5 or 6; PostgreSQL's serialization failure, deadlock or
    /// lock not available; also wrapped, e.g. in a DbUpdateException): the same work succeeds once the other connection
    /// lets go, so it is retried, never recorded as refused.
    /// </summary>
    public static bool IsTransient(Exception exception) =>
        Any(exception, current => current is SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked }
            or PostgresException { SqlState: PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.LockNotAvailable });

    /// <summary>True when a unique index (or primary key) refused the row: the same thing was stored before.</summary>
    public static bool IsUniqueViolation(Exception exception) =>
        Any(exception, current => current is SqliteException { SqliteErrorCode: SqliteConstraint, SqliteExtendedErrorCode: SqliteConstraintUnique or SqliteConstraintPrimaryKey }
            or PostgresException { SqlState: PostgresErrorCodes.UniqueViolation });

    private static bool Any(Exception exception, Func<Exception, bool> test)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (test(current))
            {
                return true;
            }
        }

        return false;
    }
}
