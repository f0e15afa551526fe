using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Switchboard.IntegrationTests.Api;

public sealed class SecurityHeadersTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/dev/sign-in")]
    [InlineData("/api/audit")]
    [InlineData("/health/live")]
    [InlineData("/no-such-page")]
    public async Task EveryAnswer_CarriesNosniffReferrerPolicyAndAContentSecurityPolicy(string path)
    {
        var response = await portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).GetAsync(path, Ct);

        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("strict-origin-when-cross-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", policy, StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"), "no HSTS in Development");
    }

    [Fact]
    public async Task ThePagesInlineImportMap_CarriesThePoliciesNonce()
    {
        var response = await portal.CreateClient().GetAsync("/dev/sign-in", Ct);

        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        var nonce = policy.Split("'nonce-")[1].Split('\'')[0];
        Assert.Contains($"<script type=\"importmap\" nonce=\"{nonce}\"", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OutsideDevelopment_HttpsAnswersCarryHsts()
    {
        using var production = portal.WithWebHostBuilder(b => b
            .UseEnvironment("Production")
            .UseSetting("Authentication:Oidc:Authority", "https://login.example.test/realms/acme")
            .UseSetting("Authentication:Oidc:ClientId", "switchboard"));
        var client = production.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://switchboard.example.test") });

        var response = await client.GetAsync("/health/live", Ct);

        Assert.StartsWith("max-age=", Assert.Single(response.Headers.GetValues("Strict-Transport-Security")), StringComparison.Ordinal);
    }
}
