using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Domain.ApiKeys;
using Switchboard.Domain.Audit;
using Switchboard.Infrastructure.ApiKeys;
using Switchboard.Infrastructure.Persistence;
using Switchboard.Portal.Features.ApiKeys;

namespace Switchboard.IntegrationTests.Api;

public sealed class ApiKeyAuthenticationTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Request_WithoutApiKey_Is401ProblemDetails()
    {
        var response = await portal.CreateClient().GetAsync("/api/audit", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(401, problem.GetProperty("status").GetInt32());
        Assert.Contains("X-Api-Key", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Request_WithUnknownKey_Is401()
    {
        var response = await portal.ClientWithKey("sbk_0123abcd_not-a-real-key").GetAsync("/api/audit", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("The API key is not valid.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Request_WithKeyLackingTheScope_Is403NamingTheScope_AndIsAudited()
    {
        var secret = await portal.CreateApiKeyAsync(ApiKeyScopes.EventsWrite);

        var response = await portal.ClientWithKey(secret).GetAsync("/api/audit", Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Contains(ApiKeyScopes.AuditRead, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await using var db = await portal.DbAsync();
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Result == AuditResult.Denied && e.ObjectId == "/api/audit", Ct));
    }

    [Fact]
    public async Task Request_WithScopedKey_Succeeds_AndRecordsLastUse()
    {
        var secret = await portal.CreateApiKeyAsync(ApiKeyScopes.AuditRead);

        var response = await portal.ClientWithKey(secret).GetAsync("/api/audit?action=api-key.created&pageSize=5", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(page.GetProperty("totalCount").GetInt32() >= 1);
        Assert.All(page.GetProperty("items").EnumerateArray(), e => Assert.Equal("api-key.created", e.GetProperty("action").GetString()));
        await using var db = await portal.DbAsync();
        var prefix = ApiKeySecret.PrefixOf(secret);
        Assert.NotNull((await db.ApiKeys.SingleAsync(k => k.Prefix == prefix, Ct)).LastUsedAt);
    }

    [Fact]
    public async Task RevokedKey_Is401FromTheNextRequest()
    {
        var secret = await portal.CreateApiKeyAsync(ApiKeyScopes.AuditRead);
        var client = portal.ClientWithKey(secret);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/audit", Ct)).StatusCode);

        await using (var scope = portal.Services.CreateAsyncScope())
        {
            await using var db = await portal.DbAsync();
            var prefix = ApiKeySecret.PrefixOf(secret);
            var id = (await db.ApiKeys.SingleAsync(k => k.Prefix == prefix, Ct)).Id;
            await scope.ServiceProvider.GetRequiredService<ApiKeyService>().RevokeAsync(TestPeople.Admin, id, Ct);
        }

        var response = await client.GetAsync("/api/audit", Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("The API key has been revoked.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task ExpiredKey_Is401()
    {
        var secret = ApiKeySecret.Generate();
        await using (var db = await portal.DbAsync())
        {
            db.ApiKeys.Add(ApiKey.Create("expired", [ApiKeyScopes.AuditRead], DateTime.UtcNow.AddMinutes(-1), secret, "test", DateTime.UtcNow.AddDays(-1)));
            await db.SaveChangesAsync(Ct);
        }

        var response = await portal.ClientWithKey(secret.Plaintext).GetAsync("/api/audit", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("The API key has expired.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task StoredKey_HoldsOnlyTheHashOfTheSecret()
    {
        var secret = await portal.CreateApiKeyAsync(ApiKeyScopes.ConfigRead);

        await using var db = await portal.DbAsync();
        var prefix = ApiKeySecret.PrefixOf(secret);
        var stored = await db.ApiKeys.SingleAsync(k => k.Prefix == prefix, Ct);
        Assert.Equal(ApiKeySecret.HashOf(secret), stored.SecretHash);
        Assert.DoesNotContain(secret, stored.SecretHash, StringComparison.Ordinal);
    }

}
