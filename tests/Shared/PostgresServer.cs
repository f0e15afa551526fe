using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Switchboard.Testing;

/// <summary>
/// A real PostgreSQL cluster (Debian's <c>postgresql</c>, installed by ./test.sh) started for the tests: <c>initdb</c>
/// into a temporary folder, <c>pg_ctl start</c> on a free loopback port, no system service; stopped by its PID and its
/// folder deleted. One cluster serves the whole test assembly (an assembly fixture: starting one takes seconds); each
/// test or portal gets a database of its own (<see cref="CreateDatabaseAsync"/>; the integration tests' <c>PostgresPortalFactory</c>).
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"switchboard-postgres-{Guid.NewGuid():N}");
    private int? _pid;

    public int Port { get; private set; } = LoopbackPort.Free();

    /// <summary>The connection string of a database on this cluster (the superuser, trusted on loopback).</summary>
    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Pooling=true;Include Error Detail=true";

    public async ValueTask InitializeAsync()
    {
        var bin = BinFolder();
        Directory.CreateDirectory(_folder);
        var data = Path.Combine(_folder, "data");
        if (RunningAsRoot)
        {
            // initdb and postgres refuse to run as root; the package's postgres account owns the throw-away folder.
            await ExternalCommand.RunAsync("chown", "-R", "postgres:postgres", _folder);
        }

        await RunAsPostgresAsync(Path.Combine(bin, "initdb"), "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-locale", "--no-sync");
        await StartAsync(bin, data);
        var pidLine = (await File.ReadAllLinesAsync(Path.Combine(data, "postmaster.pid")))[0];
        _pid = int.Parse(pidLine, CultureInfo.InvariantCulture);
        await Eventually.TrueAsync($"PostgreSQL answering on port {Port}", () => LoopbackPort.AnswersAsync(Port));
    }

    /// <summary>
    /// Starts the cluster on <see cref="Port"/>; when the server stops while starting (another process took the free port
    /// first, which happens when many test processes start servers at once), starts it again on another free port.
    /// </summary>
    private async Task StartAsync(string bin, string data)
    {
        var log = Path.Combine(_folder, "log");
        for (var attempt = 1; ; attempt++)
        {
            var options = string.Join(' ',
                $"-p {Port.ToString(CultureInfo.InvariantCulture)}",
                "-c listen_addresses=127.0.0.1",
                $"-c unix_socket_directories={_folder}",
                "-c fsync=off -c synchronous_commit=off -c full_page_writes=off",
                "-c max_connections=300");
            try
            {
                await RunAsPostgresAsync(Path.Combine(bin, "pg_ctl"), "-D", data, "-l", log, "-o", options, "-w", "-t", "300", "start");
                return;
            }
            catch (InvalidOperationException ex)
            {
                var failure = $"PostgreSQL did not start on port {Port}; its log ends: {LastLines(log)}";
                if (attempt == 3)
                {
                    throw new InvalidOperationException(failure, ex);
                }

                Console.Error.WriteLine(failure);
                Port = LoopbackPort.Free();
            }
        }
    }

    private static string LastLines(string log) =>
        File.Exists(log) ? string.Join(" | ", File.ReadLines(log).TakeLast(5)) : "(no log)";

    /// <summary>Creates an empty database and answers its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"sb_{Guid.NewGuid():N}";
        await ExternalCommand.RunAsync("psql", "-h", "127.0.0.1", "-p", Port.ToString(CultureInfo.InvariantCulture), "-U", "postgres", "-d", "postgres",
            "-v", "ON_ERROR_STOP=1", "-q", "-c", $"CREATE DATABASE {name}");
        return ConnectionString(name);
    }

    /// <summary>
    /// Creates an empty database by name, synchronously: a web application factory configures its host in a synchronous
    /// method. (The portal's migrator would create a missing one too, but EF Core logs the failed first connection.)
    /// </summary>
    public void CreateDatabase(string name)
    {
        using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        connection.Open();
        using var create = connection.CreateCommand();
        create.CommandText = $"CREATE DATABASE {name}";
        create.ExecuteNonQuery();
    }

    /// <summary>Drops a database, ending the sessions still open on it (the portal's pooled connections).</summary>
    public async Task DropDatabaseAsync(string name)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var drop = connection.CreateCommand();
        drop.CommandText = $"DROP DATABASE IF EXISTS {name} WITH (FORCE)";
        await drop.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_pid is { } pid)
        {
            // SIGINT: PostgreSQL's fast shutdown (ends sessions, stops at once).
            await ExternalCommand.RunAsync("kill", "-INT", pid.ToString(CultureInfo.InvariantCulture));
            await Eventually.TrueAsync($"PostgreSQL (PID {pid}) stopped", () => Task.FromResult(!ProcessIsAlive(pid)));
        }

        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static bool RunningAsRoot => Environment.UserName == "root";

    private static string BinFolder()
    {
        const string root = "/usr/lib/postgresql";
        var bin = Directory.Exists(root)
            ? Directory.GetDirectories(root).Select(folder => Path.Combine(folder, "bin")).Where(Directory.Exists).OrderDescending().FirstOrDefault()
            : null;
        return bin ?? throw new InvalidOperationException($"No PostgreSQL server under {root}: run ./test.sh once, it installs postgresql.");
    }

    private static bool ProcessIsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static Task RunAsPostgresAsync(string program, params string[] arguments) =>
        RunningAsRoot ? ExternalCommand.RunAsync("runuser", ["-u", "postgres", "--", program, .. arguments]) : ExternalCommand.RunAsync(program, arguments);
}
