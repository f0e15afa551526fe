using Npgsql;

namespace Switchboard.Infrastructure.Persistence.Postgres;

/// <summary>
/// What every PostgreSQL connection gets on top of <c>Database:ConnectionString</c>, unless the connection string sets
/// it itself: the session time zone UTC (every stored time is UTC; a <c>timestamp</c> parameter is then never shifted by
/// the server's zone), and automatic preparation, so the batch writers' statements (<see cref="PreparedCommand"/>) are
/// parsed once per connection as they are on SQLite.
/// </summary>
internal static class PostgresConnectionSettings
{
    private const int AutoPreparedStatements = 64;

    /// <returns>Null when Npgsql reads the connection string, else why not (without the string: it may hold a password).</returns>
    public static string? Problem(string connectionString)
    {
        try
        {
            _ = new NpgsqlConnectionStringBuilder(connectionString);
            return null;
        }
        catch (ArgumentException ex)
        {
            return ex.Message;
        }
    }

    public static string Apply(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (string.IsNullOrEmpty(builder.Timezone))
        {
            builder.Timezone = "UTC";
        }

        if (builder.MaxAutoPrepare == 0)
        {
            builder.MaxAutoPrepare = AutoPreparedStatements;
            builder.AutoPrepareMinUsages = 2;
        }

        return builder.ConnectionString;
    }
}
