using System.Net;
using Microsoft.Playwright;
using Switchboard.BrowserTests.PageObjects;
using Switchboard.BrowserTests.Rig;
using static Microsoft.Playwright.Assertions;

namespace Switchboard.BrowserTests.Tests;

/// <summary>The published portal in Production, two instances on one PostgreSQL database behind nginx with TLS.</summary>
public sealed class BehindTlsProxyTests(ProxyRig rig) : IClassFixture<ProxyRig>, IAsyncDisposable
{
    private IBrowserContext? _context;
    private IPage? _page;
    private readonly List<string> _seen = [];

    [Fact]
    public async Task SignIn_ThroughTheTlsProxy_UsesHttpsAddresses_AndSignOutEndsTheSessionOnEveryInstance()
    {
        Assertions.SetDefaultExpectTimeout(15_000);
        _context = await rig.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = rig.ProxyUrl, IgnoreHTTPSErrors = true });
        _context.SetDefaultTimeout(15_000);
        var page = _page = await _context.NewPageAsync();
        var requests = new List<string>();
        page.Request += (_, request) => requests.Add(request.Url);
        page.Console += (_, message) => _seen.Add($"console {message.Type}: {message.Text}");
        page.Response += (_, response) => _seen.Add($"{response.Status} {response.Request.Method} {response.Url}");
        page.RequestFailed += (_, request) => _seen.Add($"failed {request.Url}: {request.Failure}");
        var shell = new PortalShell(page);

        await shell.SignInAsync("ada.admin");
        await shell.NavLink("Audit").ClickAsync();
        await Expect(shell.Heading).ToHaveTextAsync("Audit");

        // The provider sends the browser back only to the redirect URI registered for the portal, its https address.
        Assert.Single(requests, url => url.StartsWith($"{rig.ProxyUrl}/signin-oidc?code=", StringComparison.Ordinal));
        var session = Assert.Single(await _context.CookiesAsync(), c => c.Name == "switchboard.session");
        Assert.True(session.Secure, "the session cookie is Secure behind the TLS proxy");
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK], await OpenDashboardOnEveryInstanceAsync(session.Value));

        await shell.SignOutAsync();
        await new ProviderLoginPage(page).ConfirmSignOutAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "You are signed out" })).ToBeVisibleAsync();

        Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.Redirect], await OpenDashboardOnEveryInstanceAsync(session.Value));
    }

    private async Task<List<HttpStatusCode>> OpenDashboardOnEveryInstanceAsync(string sessionCookie)
    {
        var answers = new List<HttpStatusCode>();
        foreach (var instance in rig.InstanceUrls)
        {
            answers.Add(await OpenDashboardAsync(instance, new Uri(rig.ProxyUrl).Authority, sessionCookie));
        }

        return answers;
    }

    /// <summary>The Dashboard asked of one instance directly, as the proxy would forward it, with a saved session cookie.</summary>
    private static async Task<HttpStatusCode> OpenDashboardAsync(string instance, string proxyHost, string sessionCookie)
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(instance) };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("Cookie", $"switchboard.session={sessionCookie}");
        request.Headers.Host = proxyHost;
        request.Headers.Add("X-Forwarded-Proto", "https");
        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (TestContext.Current.TestState?.Result == TestResult.Failed)
        {
            var folder = Directory.CreateDirectory(Path.Combine(RepositoryRoot.Path, "TestResults", "browser")).FullName;
            await File.WriteAllTextAsync(Path.Combine(folder, $"{nameof(BehindTlsProxyTests)}.log"), $"{_page?.Url}\n{string.Join('\n', _seen)}\n\n{rig.Output}");
            if (_page is not null)
            {
                await _page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"{nameof(BehindTlsProxyTests)}.png"), FullPage = true });
            }
        }

        if (_context is not null)
        {
            await _context.DisposeAsync();
        }
    }
}
