using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Microsoft.Playwright;

namespace Switchboard.BrowserTests.Rig;

/// <summary>
/// Switchboard as an organisation runs it: the published build in Production, two instances on one PostgreSQL database
/// (a throw-away cluster), behind nginx terminating TLS with sticky sessions; sign-in through the real OpenID provider, which knows the portal only by
/// its https address.
/// </summary>
public sealed class ProxyRig : IAsyncLifetime
{
    private static readonly TimeSpan ServerStart = TimeSpan.FromMinutes(2);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"switchboard-proxy-{Guid.NewGuid():N}");
    private readonly List<ChildProcess> _instances = [];
    private readonly PostgresServer _postgres = new();
    private string _connectionString = "";
    private ChildProcess? _identityProvider;
    private NginxProxy? _proxy;
    private IPlaywright? _playwright;

    public string ProxyUrl => _proxy!.Url;

    /// <summary>Each instance's own address, as the proxy reaches it.</summary>
    public IReadOnlyList<string> InstanceUrls { get; private set; } = [];

    public IBrowser Browser { get; private set; } = default!;

    public string Output => string.Join("\n\n", _instances.Select(i => $"== {i.Name}\n{i.Output}")) + $"\n\n== nginx\n{_proxy?.ErrorLog}";

    public async ValueTask InitializeAsync()
    {
        var (proxyPort, providerPort) = (LoopbackPort.Free(), LoopbackPort.Free());
        var proxyUrl = $"https://localhost:{Invariant(proxyPort)}";
        var published = await PublishAsync();
        await _postgres.InitializeAsync();
        _connectionString = await _postgres.CreateDatabaseAsync();

        _identityProvider = await ChildProcess.StartAsync(
            "identity provider", "node", ["server.mjs"], Path.Combine(RepositoryRoot.Path, "tests", "Playwright", "oidc"),
            new Dictionary<string, string> { ["OIDC_PORT"] = Invariant(providerPort), ["PORTAL_URL"] = proxyUrl },
            "oidc-provider ready", ServerStart);

        // One after the other: the first applies the migrations, the second finds them applied.
        var ports = new[] { LoopbackPort.Free(), LoopbackPort.Free() };
        var workingFolder = Directory.CreateDirectory(Path.Combine(_folder, "run")).FullName;
        foreach (var (port, index) in ports.Select((p, i) => (p, i)))
        {
            _instances.Add(await ChildProcess.StartAsync(
                $"portal instance {index + 1}", "dotnet", [Path.Combine(published, "Switchboard.Portal.dll")], workingFolder,
                InstanceEnvironment(port, providerPort), "Application started", ServerStart));
        }

        InstanceUrls = [.. ports.Select(p => $"http://127.0.0.1:{Invariant(p)}")];
        _proxy = await NginxProxy.StartAsync(Path.Combine(_folder, "nginx"), proxyPort, ports);

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    private Dictionary<string, string> InstanceEnvironment(int port, int providerPort) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{Invariant(port)}",
        ["Database__Provider"] = "Postgres",
        ["Database__ConnectionString"] = _connectionString,
        ["Authentication__Oidc__Authority"] = $"http://localhost:{Invariant(providerPort)}",
        ["Authentication__Oidc__ClientId"] = "switchboard",
        ["Authentication__Oidc__ClientSecret"] = "switchboard-test-secret",
        ["Authentication__Oidc__RequireHttpsMetadata"] = "false",
        ["Authentication__Oidc__Scopes__3"] = "groups",
        ["Jobs__DatabaseMaintenance__Interval"] = "00:00:00",
        ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
    };

    /// <summary><c>dotnet publish</c> of the portal already built in this configuration, as an operator deploys it.</summary>
    private async Task<string> PublishAsync()
    {
        var configuration = typeof(ProxyRig).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var output = Path.Combine(_folder, "publish");
        await ExternalCommand.RunAsync(
            "dotnet", "publish", Path.Combine(RepositoryRoot.Path, "src", "Portal"), "-c", configuration, "--no-build", "-o", output, "--nologo", "-v", "quiet");
        return output;
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_proxy is not null)
        {
            await _proxy.DisposeAsync();
        }

        foreach (var instance in _instances)
        {
            await instance.DisposeAsync();
        }

        if (_identityProvider is not null)
        {
            await _identityProvider.DisposeAsync();
        }

        await _postgres.DisposeAsync();

        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
