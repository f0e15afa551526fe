using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Switchboard.Domain.ApiKeys;

namespace Switchboard.IntegrationTests.People;

public abstract class PeopleApiTests(PortalFactory portal)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Batch_WithManagersInsideTheBatch_StoresEveryone_AndTheListFindsThem()
    {
        var writer = portal.ClientWithKey(await portal.CreateApiKeyAsync(ApiKeyScopes.PeopleWrite, ApiKeyScopes.ConfigRead));
        object[] batch =
        [
            new { username = "api.report", email = "report@example.test", manager = "api.boss", roles = new[] { "api-nurses" }, attributes = new { clinicCode = "100" } },
            new { username = "api.boss", firstName = "Bea", lastName = "Boss", roles = new[] { "api-nurses", "api-heads" } },
        ];

        var response = await writer.PostAsJsonAsync("/api/people:batch", batch, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var summary = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(2, summary.GetProperty("created").GetInt32());
        var found = await writer.GetFromJsonAsync<JsonElement>("/api/people?role=api-nurses", Ct);
        Assert.Equal(2, found.GetProperty("totalCount").GetInt32());
        var report = found.GetProperty("items").EnumerateArray().Single(p => p.GetProperty("username").GetString() == "api.report");
        Assert.Equal("api.boss", report.GetProperty("manager").GetString());
    }

    [Fact]
    public async Task Batch_WithOneBadItem_Is400NamingItemAndField_AndStoresNothing()
    {
        var writer = portal.ClientWithKey(await portal.CreateApiKeyAsync(ApiKeyScopes.PeopleWrite, ApiKeyScopes.ConfigRead));
        object[] batch =
        [
            new { username = "bad.batch.one" },
            new { username = "bad.batch.two", email = "not-an-address" },
            new { username = "bad.batch.three", manager = "nobody.at.all" },
        ];

        var response = await writer.PostAsJsonAsync("/api/people:batch", batch, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(problem.GetProperty("errors").TryGetProperty("items[1].email", out _));
        var found = await writer.GetFromJsonAsync<JsonElement>("/api/people?query=bad.batch", Ct);
        Assert.Equal(0, found.GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task Batch_CreatingAManagerCycle_Is400()
    {
        var writer = portal.ClientWithKey(await portal.CreateApiKeyAsync(ApiKeyScopes.PeopleWrite));
        await writer.PutAsJsonAsync("/api/people/cycle.a", new { }, Ct);
        await writer.PutAsJsonAsync("/api/people/cycle.b", new { manager = "cycle.a" }, Ct);

        var response = await writer.PutAsJsonAsync("/api/people/cycle.a", new { manager = "cycle.b" }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Contains("loop of managers", problem.GetProperty("errors").GetProperty("items[0].manager")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Put_UpsertsByUsernameIgnoringCase()
    {
        var writer = portal.ClientWithKey(await portal.CreateApiKeyAsync(ApiKeyScopes.PeopleWrite, ApiKeyScopes.ConfigRead));
        await writer.PutAsJsonAsync("/api/people/case.test", new { firstName = "One" }, Ct);

        var second = await writer.PutAsJsonAsync("/api/people/CASE.TEST", new { firstName = "Two" }, Ct);

        var summary = await second.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal((0, 1), (summary.GetProperty("created").GetInt32(), summary.GetProperty("updated").GetInt32()));
        var found = await writer.GetFromJsonAsync<JsonElement>("/api/people?query=case.test", Ct);
        Assert.Equal("Two", Assert.Single(found.GetProperty("items").EnumerateArray()).GetProperty("firstName").GetString());
    }

    [Fact]
    public async Task Put_WithReadOnlyKey_Is403()
    {
        var reader = portal.ClientWithKey(await portal.CreateApiKeyAsync(ApiKeyScopes.ConfigRead));

        var response = await reader.PutAsJsonAsync("/api/people/someone", new { }, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Batch_OverTheLimit_Is400()
    {
        var writer = portal.ClientWithKey(await portal.CreateApiKeyAsync(ApiKeyScopes.PeopleWrite));
        var batch = Enumerable.Range(0, 5001).Select(i => new { username = $"many{i}" }).ToArray();

        var response = await writer.PostAsJsonAsync("/api/people:batch", batch, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}

public sealed class PeopleApiTestsOnSqlite(PortalFactory portal) : PeopleApiTests(portal), IClassFixture<PortalFactory>;

public sealed class PeopleApiTestsOnPostgres(PostgresPortalFactory portal) : PeopleApiTests(portal), IClassFixture<PostgresPortalFactory>;
