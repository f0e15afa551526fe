using System.Reflection;
using Microsoft.Playwright;

namespace Switchboard.BrowserTests.Rig;

/// <summary>
/// Everything the browser tests run against, started once per test run: a real OpenID provider (npm
/// <c>oidc-provider</c>) and the real portal process on free loopback ports with a throw-away database, and
/// Debian's Chromium driven by Playwright.
/// </summary>
public sealed class PortalRig : IAsyncLifetime
{
    /// <summary>How long a server may take to say it is ready: generous, for a loaded 2-core machine.</summary>
    private static readonly TimeSpan ServerStart = TimeSpan.FromMinutes(2);

    private static readonly string[] ChromiumArguments =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic",
    ];

    private readonly string _dataFolder = Path.Combine(Path.GetTempPath(), $"switchboard-e2e-{Guid.NewGuid():N}");
    private ChildProcess? _identityProvider;
    private ChildProcess? _smtpServer;
    private int _smtpPort;
    private int _mailPort;
    private int _closedPort;
    private ChildProcess? _portal;
    private ChildProcess? _mattermost;
    private ChildProcess? _broker;
    private ChildProcess? _daemon;
    private ChildProcess? _glpi;
    private ChildProcess? _listener;
    private IPlaywright? _playwright;

    public string PortalUrl { get; private set; } = "";
    public string ProviderUrl { get; private set; } = "";

    /// <summary>The REST API of the SMTP server (maildev) the portal delivers to; <c>GET /api/email</c> lists what arrived.</summary>
    public string MailUrl { get; private set; } = "";
    /// <summary>The Mattermost simulator the portal's token job talks to; <c>/simulator/*</c> changes its users and behaviour.</summary>
    public string MattermostUrl { get; private set; } = "";

    /// <summary>The token of the simulator's bot account that sends the portal's Mattermost direct messages (tests seed the bot with it).</summary>
    public const string MattermostBotToken = "sim-bot-token";
    /// <summary>The RabbitMQ node the portal captures provisioning messages from, and the daemon simulator answers on.</summary>
    public string AmqpUri { get; private set; } = "";

    /// <summary>The account whose first request the daemon simulator answers with a 409, and every later one with success.</summary>
    public const string ConflictOnceAccount = "jean.conflict@gadz.org";

    /// <summary>An account whose requests the daemon simulator answers with a 409 (address taken) a few times.</summary>
    public const string AddressTakenAccount = "marie.taken@gadz.org";
    /// <summary>The GLPI simulator's API (<c>…/apirest.php</c>); <c>/simulator/*</c> beside it switches failures and lists tickets.</summary>
    public string GlpiUrl { get; private set; } = "";
    /// <summary>The Exchange Listener simulator the deployment "listener-up" points at; "listener-down" points at a closed port.</summary>
    public string ListenerUrl { get; private set; } = "";
    public IBrowser Browser { get; private set; } = default!;
    public IAPIRequestContext Api { get; private set; } = default!;

    public async ValueTask InitializeAsync()
    {
        var (portalPort, providerPort, smtpPort, mailPort) = (LoopbackPort.Free(), LoopbackPort.Free(), LoopbackPort.Free(), LoopbackPort.Free());
        MailUrl = $"http://127.0.0.1:{mailPort}";
        PortalUrl = $"http://localhost:{portalPort}";
        ProviderUrl = $"http://localhost:{providerPort}";

        _identityProvider = await ChildProcess.StartAsync(
            "identity provider", "node", ["server.mjs"], Path.Combine(RepositoryRoot.Path, "tests", "Playwright", "oidc"),
            new Dictionary<string, string> { ["OIDC_PORT"] = providerPort.ToString(System.Globalization.CultureInfo.InvariantCulture), ["PORTAL_URL"] = PortalUrl },
            "oidc-provider ready", ServerStart);

        (_smtpPort, _mailPort) = (smtpPort, mailPort);
        await StartSmtpServerAsync();

        var mattermostPort = LoopbackPort.Free();
        MattermostUrl = $"http://127.0.0.1:{mattermostPort}";
        _mattermost = await ChildProcess.StartAsync(
            "Mattermost simulator", "dotnet", [SiblingAssembly("MattermostSimulator", "Switchboard.MattermostSimulator.dll"), "--urls", MattermostUrl],
            RepositoryRoot.Path, new Dictionary<string, string>(), "Application started", ServerStart);

        _broker = await RabbitMqNode.StartAsync(Path.Combine(_dataFolder, "rabbitmq"), LoopbackPort.Free(), LoopbackPort.Free());
        AmqpUri = RabbitMqNode.UriOf(_broker);
        _daemon = await ChildProcess.StartAsync(
            "provisioning daemon simulator", "dotnet",
            [SiblingAssembly("ProvisioningSimulator", "Switchboard.ProvisioningSimulator.dll"), "--amqp", AmqpUri, "--plan", $"{ConflictOnceAccount}=hardfail:409:GoogleAccountAlreadyRegisteredInGram,success",
                "--plan", $"{AddressTakenAccount}=hardfail:409:GoogleAccountAlreadyExists,hardfail:409:GoogleAccountAlreadyExists,hardfail:409:GoogleAccountAlreadyExists"],
            RepositoryRoot.Path, new Dictionary<string, string>(), "provisioning daemon simulator ready", ServerStart);

        var glpiPort = LoopbackPort.Free();
        GlpiUrl = $"http://127.0.0.1:{glpiPort}/apirest.php";
        _glpi = await ChildProcess.StartAsync(
            "GLPI simulator", "dotnet", [SiblingAssembly("GlpiSimulator", "Switchboard.GlpiSimulator.dll"), "--urls", $"http://127.0.0.1:{glpiPort}"],
            RepositoryRoot.Path, new Dictionary<string, string>(), "Application started", ServerStart);

        var listenerPort = LoopbackPort.Free();
        ListenerUrl = $"http://127.0.0.1:{listenerPort}";
        _listener = await ChildProcess.StartAsync(
            "Exchange Listener simulator", "dotnet", [SiblingAssembly("ExchangeListenerSimulator", "Switchboard.ExchangeListenerSimulator.dll"), "--urls", ListenerUrl],
            RepositoryRoot.Path, new Dictionary<string, string>(), "Application started", ServerStart);
        _closedPort = LoopbackPort.Free();

        _portal = await ChildProcess.StartAsync(
            "portal", "dotnet", [PortalAssembly()], RepositoryRoot.Path, PortalEnvironment(portalPort, providerPort, smtpPort),
            "Application started", ServerStart);

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ChromiumArguments,
        });
        Api = await _playwright.APIRequest.NewContextAsync(new APIRequestNewContextOptions { BaseURL = PortalUrl });
    }

    public string PortalOutput => _portal?.Output ?? "";

    /// <summary>Stops the SMTP server, so that deliveries fail the way they do when a mail server is down.</summary>
    public async Task StopSmtpServerAsync()
    {
        if (_smtpServer is not null)
        {
            await _smtpServer.DisposeAsync();
            _smtpServer = null;
        }
    }

    /// <summary>Starts the SMTP server (again) on its ports; mail received before a stop is gone.</summary>
    public async Task StartSmtpServerAsync()
    {
        var maildev = Path.Combine(RepositoryRoot.Path, "tests", "Integration", "maildev");
        _smtpServer = await ChildProcess.StartAsync(
            "SMTP server", "node",
            [Path.Combine(maildev, "node_modules", "maildev", "dist", "bin", "maildev.js"), "--smtp", Invariant(_smtpPort), "--web", Invariant(_mailPort), "--ip", "127.0.0.1"],
            maildev, new Dictionary<string, string>(), "MailDev API running", ServerStart);
    }

    private static string Invariant(int port) => port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private Dictionary<string, string> PortalEnvironment(int portalPort, int providerPort, int smtpPort) => new()
    {
        ["Smtp__Host"] = "127.0.0.1",
        ["Smtp__Port"] = Invariant(smtpPort),
        ["Smtp__Security"] = "None",
        ["Smtp__PollInterval"] = "00:00:01",
        ["ASPNETCORE_ENVIRONMENT"] = "Development",
        ["ASPNETCORE_URLS"] = $"http://localhost:{portalPort}",
        ["Database__DataFolder"] = _dataFolder,
        ["DemoData__Enabled"] = "false",
        ["Authentication__Oidc__Authority"] = $"http://localhost:{providerPort}",
        ["Authentication__Oidc__ClientId"] = "switchboard",
        ["Authentication__Oidc__ClientSecret"] = "switchboard-test-secret",
        ["Authentication__Oidc__RequireHttpsMetadata"] = "false",
        ["Authentication__Oidc__Scopes__3"] = "groups",
        ["Jobs__DatabaseMaintenance__Interval"] = "00:00:00",
        ["Mattermost__Enabled"] = "true",
        ["Mattermost__Url"] = MattermostUrl,
        ["Mattermost__AdminToken"] = "sim-admin-token",
        ["Mattermost__Schedule"] = "",
        ["Mattermost__Concurrency"] = "2",
        ["Notifications__Mattermost__Enabled"] = "true",
        ["Notifications__Mattermost__BotToken"] = MattermostBotToken,
        ["Notifications__Mattermost__PollInterval"] = "00:00:01",
        ["Provisioning__RabbitMq__Uri"] = AmqpUri,
        ["ChatOps__FirstRetryDelay"] = "01:00:00",
        ["ExchangeListeners__Interval"] = "01:00:00",
        // Generous: on a loaded machine a healthy simulator may answer slowly, and Up must not read as Degraded or Down.
        ["ExchangeListeners__Timeout"] = "00:00:15",
        ["ExchangeListeners__SlowAfter"] = "00:00:10",
        ["ExchangeListeners__DownAfter"] = "2",
        ["ExchangeListeners__Deployments__0__Name"] = "listener-up",
        ["ExchangeListeners__Deployments__0__ServiceUrl"] = ListenerUrl,
        ["ExchangeListeners__Deployments__0__CreatioUrl"] = ListenerUrl,
        ["ExchangeListeners__Deployments__0__Replicas"] = "1",
        ["ExchangeListeners__Deployments__0__ActiveMailboxes"] = "120",
        ["ExchangeListeners__Deployments__1__Name"] = "listener-down",
        ["ExchangeListeners__Deployments__1__ServiceUrl"] = $"http://127.0.0.1:{_closedPort}",
    };

    private static string PortalAssembly() => SiblingAssembly(Path.Combine("..", "src", "Portal"), "Switchboard.Portal.dll");

    /// <summary>A built program of the solution, in the same configuration as these tests (folder relative to tests/).</summary>
    private static string SiblingAssembly(string folder, string file)
    {
        var configuration = typeof(PortalRig).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var path = Path.GetFullPath(Path.Combine(RepositoryRoot.Path, "tests", folder, "bin", configuration, "net10.0", file));
        return File.Exists(path) ? path : throw new FileNotFoundException($"Build the solution first ({configuration}).", path);
    }

    public async ValueTask DisposeAsync()
    {
        if (Api is not null)
        {
            await Api.DisposeAsync();
        }

        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_portal is not null)
        {
            await _portal.DisposeAsync();
        }

        if (_mattermost is not null)
        {
            await _mattermost.DisposeAsync();
        }

        if (_daemon is not null)
        {
            await _daemon.DisposeAsync();
        }

        if (_glpi is not null)
        {
            await _glpi.DisposeAsync();
        }

        if (_listener is not null)
        {
            await _listener.DisposeAsync();
        }

        if (_broker is not null)
        {
            await _broker.DisposeAsync();
        }

        if (_identityProvider is not null)
        {
            await _identityProvider.DisposeAsync();
        }

        if (_smtpServer is not null)
        {
            await _smtpServer.DisposeAsync();
        }

        if (Directory.Exists(_dataFolder))
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
    }
}
