using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Domain.ApiKeys;
using Switchboard.Infrastructure.ApiKeys;
using Switchboard.Infrastructure.Persistence;
using Switchboard.Portal.Features.ApiKeys;

namespace Switchboard.IntegrationTests;

/// <summary>
/// The real portal in memory, on the embedded default (development sign-in), with its own throw-away SQLite file;
/// <see cref="PostgresPortalFactory"/> is the same portal on a database of its own on the tests' PostgreSQL cluster.
/// </summary>
public class PortalFactory : WebApplicationFactory<Program>
{
    private readonly PostgresServer? _postgres;

    public PortalFactory()
    {
    }

    protected PortalFactory(PostgresServer postgres)
    {
        _postgres = postgres;
        DatabaseName = $"sb_{Guid.NewGuid():N}";
        postgres.CreateDatabase(DatabaseName);
    }

    /// <summary>The folder for the SQLite file and the mail pickup folder.</summary>
    public string DataFolder { get; } = Path.Combine(Path.GetTempPath(), $"switchboard-it-{Guid.NewGuid():N}");

    /// <summary>The PostgreSQL database of this portal (empty until the portal's migrator runs), or null on SQLite.</summary>
    public string? DatabaseName { get; }

    public bool OnPostgres => _postgres is not null;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:DataFolder", DataFolder);
        if (_postgres is not null)
        {
            builder.UseSetting("Database:Provider", "Postgres");
            builder.UseSetting("Database:ConnectionString", _postgres.ConnectionString(DatabaseName!));
        }
        builder.UseSetting("Jobs:DatabaseMaintenance:Interval", "00:00:00");

        // Test runs share two cores between many hosts; a 50 ms wall-clock limit would fail ordinary scripts when their
        // thread waits for a core. The time limit itself is tested in the unit tests; here loops end at MaxStatements.
        builder.UseSetting("Notifications:Scripts:Timeout", "00:00:02");
    }

    public async Task<string> CreateApiKeyAsync(params string[] scopes)
    {
        await using var scope = Services.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<ApiKeyService>().CreateAsync(
            TestPeople.Admin, new CreateApiKeyRequest { Name = $"test {Guid.NewGuid():N}", Scopes = scopes }, CancellationToken.None);
        return created.Secret;
    }

    /// <summary>A context on the portal's own database, to read what a test caused.</summary>
    public Task<SwitchboardDbContext> DbAsync() =>
        Services.GetRequiredService<IDbContextFactory<SwitchboardDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);

    public HttpClient ClientWithKey(string secret)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add("X-Api-Key", secret);
        return client;
    }

    public static string[] AllScopes => [.. ApiKeyScopes.All];

    /// <summary>Runs one query on a fresh context of the portal's database (to probe with <see cref="Eventually"/>).</summary>
    public async Task<T> QueryAsync<T>(Func<SwitchboardDbContext, Task<T>> query)
    {
        await using var db = await DbAsync();
        return await query(db);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_postgres is not null)
        {
            await _postgres.DropDatabaseAsync(DatabaseName!);
        }

        if (Directory.Exists(DataFolder))
        {
            Directory.Delete(DataFolder, recursive: true);
        }

        GC.SuppressFinalize(this);
    }
}
