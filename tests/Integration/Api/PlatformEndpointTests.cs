using System.Net;
using System.Text.Json;
using Switchboard.Domain.ApiKeys;

namespace Switchboard.IntegrationTests.Api;

public sealed class PlatformEndpointTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task HealthEndpoint_AnswersHealthyWithoutSignIn(string path)
    {
        var response = await portal.CreateClient().GetAsync(path, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task OpenApiDocument_WithApiKey_DescribesTheMachineApiAndItsHeader()
    {
        var client = portal.ClientWithKey(await portal.CreateApiKeyAsync(ApiKeyScopes.ConfigRead));

        var document = await client.GetStringAsync("/openapi/v1.json", Ct);

        Assert.Contains("/api/audit", document, StringComparison.Ordinal);
        Assert.Contains("/api/jobs/{name}/runs", document, StringComparison.Ordinal);
        Assert.Contains("X-Api-Key", document, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenApiDocument_SaysHowPagesCount_TheBatchIsABareArray_AndTheCodeListFormat()
    {
        var client = portal.ClientWithKey(await portal.CreateApiKeyAsync(ApiKeyScopes.ConfigRead));

        var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json", Ct)).RootElement.GetProperty("paths");

        string Description(string path, string method) => document.GetProperty(path).GetProperty(method).GetProperty("description").GetString()!;
        foreach (var list in new[] { "/api/audit", "/api/people", "/api/provisioning/envelopes", "/api/chatops/calls" })
        {
            Assert.Contains("page counts from 0", Description(list, "get"), StringComparison.Ordinal);
        }

        Assert.Contains("bare JSON array", Description("/api/people:batch", "post"), StringComparison.Ordinal);
        Assert.Contains("level is Success, Info (default), Warning or Error", Description("/api/notifications/code-lists", "put"), StringComparison.Ordinal);
        Assert.Contains("must be JSON objects", Description("/api/provisioning/messages", "post"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_WithoutSignIn_RedirectsToSignIn()
    {
        var client = portal.CreateClient(new() { AllowAutoRedirect = false });

        var response = await client.GetAsync("/audit", Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/dev/sign-in", response.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
    }
}
