using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Switchboard.IntegrationTests.Access;

/// <summary>The portal in Production whose OpenID provider does not answer (its authority is a closed loopback port).</summary>
public sealed class SignInProviderUnreachableTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/")]
    [InlineData("/auth/sign-in?returnUrl=%2Faudit")]
    public async Task UnreachableProvider_ShowsAPageSayingSo_With503(string path)
    {
        await using var portal = new PortalFactory();
        using var production = portal.WithWebHostBuilder(b => b
            .UseEnvironment("Production")
            .UseSetting("Authentication:Oidc:Authority", $"http://127.0.0.1:{LoopbackPort.Free()}/realms/acme")
            .UseSetting("Authentication:Oidc:ClientId", "switchboard")
            .UseSetting("Authentication:Oidc:RequireHttpsMetadata", "false"));
        var client = production.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync(path, Ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("The sign-in provider cannot be reached", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }
}
