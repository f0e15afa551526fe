using Microsoft.AspNetCore.Hosting;
using Switchboard.Testing;

namespace Switchboard.Bench;

/// <summary>
/// Where a bench's portal keeps its data: <c>--provider sqlite</c> (the default) a fresh SQLite folder per portal,
/// <c>--provider postgres</c> a fresh database per portal on a throw-away PostgreSQL cluster started once for the run
/// (the tests' <c>tests/Shared/PostgresServer.cs</c>, linked), <c>--provider both</c> each of them in the same run.
/// </summary>
public sealed class BenchDatabase : IAsyncDisposable
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    private readonly PostgresServer? _server;

    private BenchDatabase(string provider, PostgresServer? server) => (Provider, _server) = (provider, server);

    public string Provider { get; }

    /// <summary>The providers named by <c>--provider</c>, and the arguments without it.</summary>
    public static (IReadOnlyList<string> Providers, string[] Others) Parse(string[] args)
    {
        var at = Array.IndexOf(args, "--provider");
        if (at < 0)
        {
            return ([Sqlite], args);
        }

        var named = at + 1 < args.Length ? args[at + 1].ToLowerInvariant() : "";
        IReadOnlyList<string> providers = named switch
        {
            Sqlite => [Sqlite],
            Postgres => [Postgres],
            "both" => [Sqlite, Postgres],
            _ => throw new ArgumentException($"--provider takes sqlite, postgres or both, not '{named}'."),
        };
        return (providers, [.. args[..at], .. args[(at + 2)..]]);
    }

    public static async Task<BenchDatabase> StartAsync(string provider)
    {
        if (provider != Postgres)
        {
            return new BenchDatabase(provider, null);
        }

        var server = new PostgresServer();
        await server.InitializeAsync();
        return new BenchDatabase(provider, server);
    }

    /// <summary>A fresh, empty database: the settings that point a portal at it, and how to remove it afterwards.</summary>
    public (Action<IWebHostBuilder> Configure, Func<Task> Drop) Fresh()
    {
        if (_server is { } server)
        {
            var name = $"sb_bench_{Guid.NewGuid():N}";
            server.CreateDatabase(name);
            return (b => b.UseSetting("Database:Provider", "Postgres").UseSetting("Database:ConnectionString", server.ConnectionString(name)),
                () => server.DropDatabaseAsync(name));
        }

        var folder = Path.Combine(Path.GetTempPath(), $"switchboard-bench-{Guid.NewGuid():N}");
        return (b => b.UseSetting("Database:DataFolder", folder), async () =>
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

            // The outbox sender runs when evaluation wakes it, paused or not (a wake is not the schedule), and a run the
            // portal's shutdown cut short can still be writing to mail-pickup: a file appearing while the folder is
            // deleted fails the delete ("Directory not empty"). Deleting again once the writes have stopped succeeds.
            for (var attempt = 1; Directory.Exists(folder); attempt++)
            {
                try
                {
                    Directory.Delete(folder, recursive: true);
                }
                catch (IOException) when (attempt < 20)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(250));
                }
            }
        }
        );
    }

    public static double Median(IReadOnlyCollection<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
