using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Switchboard.Domain.ApiKeys;
using Switchboard.Infrastructure.Jobs;

namespace Switchboard.IntegrationTests.Api;

public abstract class JobsApiTests(PortalFactory portal)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ListJobs_ShowsTheDatabaseMaintenanceJob()
    {
        var client = portal.ClientWithKey(await portal.CreateApiKeyAsync(ApiKeyScopes.ConfigRead));

        var jobs = await client.GetFromJsonAsync<JsonElement>("/api/jobs", Ct);

        Assert.Contains(jobs.EnumerateArray(), j => j.GetProperty("name").GetString() == DatabaseMaintenanceJob.Name);
    }

    [Fact]
    public async Task RunJob_KnownJob_Is202AndTheJobRuns()
    {
        var client = portal.ClientWithKey(await portal.CreateApiKeyAsync(ApiKeyScopes.JobsRun, ApiKeyScopes.ConfigRead));

        var response = await client.PostAsync($"/api/jobs/{DatabaseMaintenanceJob.Name}/runs", null, Ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var job = await Eventually.MatchesAsync("the job's first outcome", async () =>
            (await client.GetFromJsonAsync<JsonElement>("/api/jobs", Ct)).EnumerateArray().Single(j => j.GetProperty("name").GetString() == DatabaseMaintenanceJob.Name),
            j => j.GetProperty("lastOutcome").ValueKind != JsonValueKind.Null);

        Assert.Equal("Succeeded", job.GetProperty("lastOutcome").GetString());
    }

    [Fact]
    public async Task RunJob_UnknownJob_Is404Problem()
    {
        var client = portal.ClientWithKey(await portal.CreateApiKeyAsync(ApiKeyScopes.JobsRun));

        var response = await client.PostAsync("/api/jobs/no-such-job/runs", null, Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task RunJob_WithReadOnlyKey_Is403()
    {
        var client = portal.ClientWithKey(await portal.CreateApiKeyAsync(ApiKeyScopes.ConfigRead));

        var response = await client.PostAsync($"/api/jobs/{DatabaseMaintenanceJob.Name}/runs", null, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}

public sealed class JobsApiTestsOnSqlite(PortalFactory portal) : JobsApiTests(portal), IClassFixture<PortalFactory>;

public sealed class JobsApiTestsOnPostgres(PostgresPortalFactory portal) : JobsApiTests(portal), IClassFixture<PostgresPortalFactory>;
