using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Domain.ApiKeys;
using Switchboard.Infrastructure.ApiKeys;
using Switchboard.Portal.Features.ApiKeys;

namespace Switchboard.IntegrationTests.Telemetry;

/// <summary><c>/metrics</c>: Switchboard's meters for Prometheus, behind a bearer token, and absent when switched off.</summary>
public sealed class MetricsEndpointTests : IAsyncDisposable
{
    private const string Token = "scrape-token-0123456789";
    private readonly PortalFactory _portal = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AfterALittleTraffic_Metrics_ShowSwitchboardsMeters_ToAScraperWithTheToken()
    {
        await using var portal = WithMetrics();
        var client = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add("X-Api-Key", await CreateApiKeyAsync(portal));
        var posted = await client.PostAsJsonAsync("/api/events", new[]
        {
            new { id = "metrics-1", entityType = "IdmIdentity", eventType = "CREATE", entityId = "guid-m", identity = "m.metrics", occurredAt = "2026-11-24T08:15:00Z" },
        }, Ct);
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);

        var scraper = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        scraper.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        var text = await scraper.GetStringAsync("/metrics", Ct);

        Assert.Matches(@"(?m)^switchboard_events_ingested_total(\{[^}]*\})? 1$", text);
        Assert.Contains("switchboard_outbox_messages", text, StringComparison.Ordinal);
        Assert.Contains("http_server_request_duration_seconds", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_WithoutOrWithAWrongToken_AreRefusedWithAProblem()
    {
        await using var portal = WithMetrics();
        var scraper = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var missing = await scraper.GetAsync("/metrics", Ct);
        scraper.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token + "x");
        var wrong = await scraper.GetAsync("/metrics", Ct);

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (missing.StatusCode, wrong.StatusCode));
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("switchboard_", await wrong.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_SwitchedOff_AreNotServedAtAll()
    {
        var scraper = _portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        scraper.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);

        var response = await scraper.GetAsync("/metrics", Ct);

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("switchboard_", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    private WebApplicationFactory<Program> WithMetrics() => _portal.WithWebHostBuilder(b => b
        .UseSetting("Metrics:PrometheusEnabled", "true")
        .UseSetting("Metrics:BearerToken", Token));

    private static async Task<string> CreateApiKeyAsync(WebApplicationFactory<Program> portal)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<ApiKeyService>().CreateAsync(
            TestPeople.Admin, new CreateApiKeyRequest { Name = "metrics test", Scopes = [ApiKeyScopes.EventsWrite] }, Ct);
        return created.Secret;
    }

    public ValueTask DisposeAsync() => _portal.DisposeAsync();
}
