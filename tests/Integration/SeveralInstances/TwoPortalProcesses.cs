using System.Globalization;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Switchboard.Infrastructure.Jobs;
using Switchboard.IntegrationTests.Hosting;
using Switchboard.IntegrationTests.Mattermost;

namespace Switchboard.IntegrationTests.SeveralInstances;

/// <summary>
/// Two portal processes (<c>dotnet Switchboard.Portal.dll</c>, each its own PID, killable with <c>kill -9</c>) on one
/// PostgreSQL database, sending to one real SMTP server (maildev) and creating tokens at one Mattermost simulator.
/// <see cref="Database"/> is an in-memory host on the same database without any background job: it migrates the
/// database before the processes start, and the tests seed and read through it.
/// </summary>
public sealed class TwoPortalProcesses(PostgresServer postgres) : IAsyncLifetime
{
    /// <summary>How often each instance re-reads the stored job state (and looks for runs to take up).</summary>
    public static readonly TimeSpan CoordinationInterval = TimeSpan.FromSeconds(1);

    /// <summary>The database maintenance job's interval on both instances: its due times come round while the tests run.</summary>
    public static readonly TimeSpan MaintenanceInterval = TimeSpan.FromSeconds(3);

    private readonly string _scratch = Path.Combine(Path.GetTempPath(), $"switchboard-two-{Guid.NewGuid():N}");
    private readonly List<PortalProcess> _instances = [];
    private PostgresPortalFactory? _owner;

    public WebApplicationFactory<Program> Database { get; private set; } = default!;
    public SimulatedMattermost Mattermost { get; private set; } = default!;
    public MailDev Mail { get; private set; } = default!;
    public IReadOnlyList<PortalProcess> Instances => _instances;

    /// <summary>The name an instance writes on its job runs.</summary>
    public static string InstanceName(PortalProcess instance) => $"{Environment.MachineName}:{instance.Id.ToString(CultureInfo.InvariantCulture)}";

    public async ValueTask InitializeAsync()
    {
        _owner = new PostgresPortalFactory(postgres);
        Database = _owner.WithWebHostBuilder(b => b.ConfigureTestServices(RemoveBackgroundJobs));
        _ = Database.Services; // starts the host: the migrator runs now, before the processes start
        Mattermost = await SimulatedMattermost.StartAsync();
        Mail = await MailDev.StartAsync();
        await Task.WhenAll(StartInstanceAsync(), StartInstanceAsync());
    }

    /// <summary>Starts (another) portal process on the shared database.</summary>
    public async Task<PortalProcess> StartInstanceAsync()
    {
        var instance = await PortalProcess.StartAsync(
            Path.Combine(AppContext.BaseDirectory, "Switchboard.Portal.dll"), AppContext.BaseDirectory, Settings(Guid.NewGuid().ToString("N")));
        lock (_instances)
        {
            _instances.Add(instance);
        }

        return instance;
    }

    /// <summary><c>kill -9</c>: the process gets no chance to release anything; PostgreSQL ends its sessions.</summary>
    public async Task KillAsync(PortalProcess instance)
    {
        await ExternalCommand.RunAsync("kill", "-9", instance.Id.ToString(CultureInfo.InvariantCulture));
        await instance.DisposeAsync();
        lock (_instances)
        {
            _instances.Remove(instance);
        }
    }

    /// <summary>Brings the pair back after a test killed one.</summary>
    public async Task EnsureTwoAsync()
    {
        while (_instances.Count < 2)
        {
            await StartInstanceAsync();
        }
    }

    public string Output => string.Join("\n\n", _instances.Select(i => $"== instance {InstanceName(i)}\n{i.Output}"));

    private Dictionary<string, string> Settings(string folder) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Development",
        ["Database__Provider"] = "Postgres",
        ["Database__ConnectionString"] = postgres.ConnectionString(_owner!.DatabaseName!),
        ["Database__DataFolder"] = Path.Combine(_scratch, folder),
        ["DemoData__Enabled"] = "false",
        ["Jobs__CoordinationInterval"] = CoordinationInterval.ToString("c", CultureInfo.InvariantCulture),
        ["Jobs__DatabaseMaintenance__Interval"] = MaintenanceInterval.ToString("c", CultureInfo.InvariantCulture),
        ["Smtp__Host"] = "127.0.0.1",
        ["Smtp__Port"] = Mail.SmtpPort.ToString(CultureInfo.InvariantCulture),
        ["Smtp__Security"] = "None",
        ["Smtp__PollInterval"] = "00:00:01",
        ["Mattermost__Enabled"] = "true",
        ["Mattermost__Url"] = Mattermost.Url,
        ["Mattermost__AdminToken"] = Mattermost.State.AdminToken,
        ["Mattermost__Schedule"] = "",
        ["Mattermost__Concurrency"] = "2",
        ["ChatOps__FirstRetryDelay"] = "01:00:00",
        ["Logging__LogLevel__Default"] = "Warning",
        ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
    };

    private static void RemoveBackgroundJobs(IServiceCollection services)
    {
        foreach (var job in services.Where(s => s.ServiceType == typeof(IHostedService) && s.ImplementationType is { } type
                     && (type.IsSubclassOf(typeof(PeriodicJob)) || type.IsSubclassOf(typeof(ContinuousJob)))).ToList())
        {
            services.Remove(job);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var instance in _instances.ToList())
        {
            await instance.DisposeAsync();
        }

        if (Mail is not null)
        {
            await Mail.DisposeAsync();
        }

        if (Mattermost is not null)
        {
            await Mattermost.DisposeAsync();
        }

        if (_owner is not null)
        {
            await Database.DisposeAsync();
            await _owner.DisposeAsync();
        }

        if (Directory.Exists(_scratch))
        {
            Directory.Delete(_scratch, recursive: true);
        }
    }
}
