namespace Switchboard.Infrastructure.Persistence;

public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    public const string Sqlite = "Sqlite";
    public const string Postgres = "Postgres";

    /// <summary><see cref="Sqlite"/> (the embedded default, one file in <see cref="DataFolder"/>) or <see cref="Postgres"/> (needs <see cref="ConnectionString"/>).</summary>
    public string Provider { get; set; } = Sqlite;

    /// <summary>Folder for the SQLite file; relative paths start at the working directory. (Data Protection keys live in the database.) Unused on PostgreSQL.</summary>
    public string DataFolder { get; set; } = "data";

    /// <summary>SQLite: overrides the connection string built from <see cref="DataFolder"/>. PostgreSQL: required (Npgsql's format).</summary>
    public string? ConnectionString { get; set; }

    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>Readiness reports Unhealthy when the data folder's disk has less free space than this; 0 turns the check off.</summary>
    public long MinimumFreeSpaceMegabytes { get; set; } = 100;

    /// <summary>How long a statement waits for another connection's write lock before SQLite answers "database is locked". SQLite only.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public bool IsPostgres => string.Equals(Provider, Postgres, StringComparison.OrdinalIgnoreCase);

    public string ResolvedDataFolder => Path.GetFullPath(DataFolder);

    public string ResolvedConnectionString =>
        string.IsNullOrWhiteSpace(ConnectionString)
            ? $"Data Source={Path.Combine(ResolvedDataFolder, "switchboard.db")}"
            : ConnectionString;
}
