using System.Diagnostics;
using System.Net;

namespace Switchboard.IntegrationTests.Hosting;

/// <summary>The portal started the way an operator starts it in production: the published output, in Production.</summary>
public sealed class ProductionHostingTests : IAsyncLifetime
{
    private readonly string _scratch = Path.Combine(Path.GetTempPath(), $"switchboard-prod-{Guid.NewGuid():N}");

    public ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_scratch);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task PublishedBuild_StartedFromAnotherFolder_InProduction_ServesEveryStaticAssetWithItsContent()
    {
        var published = Path.Combine(_scratch, "publish");
        await RunAsync("dotnet", ["publish", Path.Combine(RepositoryRoot.Path, "src", "Portal"), "-c", "Release", "--no-build", "-o", published, "--nologo", "-v", "quiet"]);
        var elsewhere = Directory.CreateDirectory(Path.Combine(_scratch, "elsewhere")).FullName;

        await using var portal = await PortalProcess.StartAsync(Path.Combine(published, "Switchboard.Portal.dll"), elsewhere, ProductionSettings());
        using var http = new HttpClient { BaseAddress = new Uri(portal.Url) };

        foreach (var asset in new[] { "_framework/blazor.web.js", "_content/MudBlazor/MudBlazor.min.js", "_content/MudBlazor/MudBlazor.min.css", "app.css" })
        {
            using var response = await http.GetAsync(asset, TestContext.Current.CancellationToken);
            var body = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
            Assert.True(response.StatusCode == HttpStatusCode.OK && body.Length > 100, $"{asset}: {(int)response.StatusCode}, {body.Length} bytes\n{portal.Output}");
        }
    }

    [Fact]
    public async Task BehindATlsProxy_ForwardedHttps_IsBelieved_SoHstsIsSent_AndPlainHttpGetsNone()
    {
        await using var portal = await PortalProcess.StartAsync(
            Path.Combine(AppContext.BaseDirectory, "Switchboard.Portal.dll"), AppContext.BaseDirectory, ProductionSettings());
        using var http = new HttpClient { BaseAddress = new Uri(portal.Url) };

        using var viaProxy = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        viaProxy.Headers.Host = "switchboard.example.org";
        viaProxy.Headers.Add("X-Forwarded-Proto", "https");
        viaProxy.Headers.Add("X-Forwarded-For", "203.0.113.7");
        using var proxied = await http.SendAsync(viaProxy, TestContext.Current.CancellationToken);

        using var direct = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        direct.Headers.Host = "switchboard.example.org";
        using var plain = await http.SendAsync(direct, TestContext.Current.CancellationToken);

        Assert.True(proxied.Headers.Contains("Strict-Transport-Security"), portal.Output);
        Assert.False(plain.Headers.Contains("Strict-Transport-Security"));
    }

    private Dictionary<string, string> ProductionSettings() => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["Database__DataFolder"] = Path.Combine(_scratch, "data"),

        // Metadata is fetched at the first sign-in, which these tests never start.
        ["Authentication__Oidc__Authority"] = "https://login.example.test/realms/acme",
        ["Authentication__Oidc__ClientId"] = "switchboard",
    };

    private static async Task RunAsync(string file, string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromMinutes(5), TestContext.Current.CancellationToken);
        Assert.True(process.ExitCode == 0, $"{file} {string.Join(' ', arguments)} failed:\n{await output}\n{await errors}");
    }

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_scratch, recursive: true);
        return ValueTask.CompletedTask;
    }
}
