using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Domain.ApiKeys;
using Switchboard.Domain.Events;
using Switchboard.Infrastructure.Persistence;

namespace Switchboard.IntegrationTests.Events;

/// <summary><c>POST /api/events</c>: stored before the answer, once per id, and identity events reach the directory.</summary>
public abstract class EventIngestTests(PortalFactory portal)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task IdentityEvents_AreStored_AndKeepTheDirectoryCurrent()
    {
        var client = await ClientAsync();
        object[] events =
        [
            Identity("evt-boss-1", "CREATE", "in.boss", new { firstName = "Iva" }),
            Identity("evt-nurse-1", "CREATE", "in.nurse", new { firstName = "Nela", manager = "in.boss", roles = new[] { "in-nurses" } }, new { ward = "3" }),
            Identity("evt-nurse-2", "UPDATE", "in.nurse", new { state = "LEFT" }),
        ];

        var response = await client.PostAsJsonAsync("/api/events", events, Ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var summary = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal((3, 0), (summary.GetProperty("accepted").GetInt32(), summary.GetProperty("duplicates").GetInt32()));
        await WaitUntilSyncedAsync("evt-nurse-2");
        var person = await client.GetFromJsonAsync<JsonElement>("/api/people?query=in.nurse", Ct);
        var nurse = Assert.Single(person.GetProperty("items").EnumerateArray());
        Assert.Equal(("Nela", "LEFT", "in.boss"), (nurse.GetProperty("firstName").GetString(), nurse.GetProperty("state").GetString(), nurse.GetProperty("manager").GetString()));
    }

    [Fact]
    public async Task DeleteEvent_MarksThePersonDeleted()
    {
        var client = await ClientAsync();
        await client.PostAsJsonAsync("/api/events", Identity("evt-del-1", "CREATE", "in.leaver", new { firstName = "Leo" }), Ct);

        await client.PostAsJsonAsync("/api/events", Identity("evt-del-2", "DELETE", "in.leaver", null), Ct);

        await WaitUntilSyncedAsync("evt-del-2");
        var visible = await client.GetFromJsonAsync<JsonElement>("/api/people?query=in.leaver", Ct);
        var all = await client.GetFromJsonAsync<JsonElement>("/api/people?query=in.leaver&includeDeleted=true", Ct);
        Assert.Equal(0, visible.GetProperty("totalCount").GetInt32());
        Assert.True(Assert.Single(all.GetProperty("items").EnumerateArray()).GetProperty("deleted").GetBoolean());
    }

    [Fact]
    public async Task SameEventIdTwice_IsStoredOnce_AndCountedAsDuplicate()
    {
        var client = await ClientAsync();
        var first = await client.PostAsJsonAsync("/api/events", Identity("evt-dup", "CREATE", "in.dup", new { }), Ct);

        var second = await client.PostAsJsonAsync("/api/events", new[] { Identity("evt-dup", "CREATE", "in.dup", new { }) }, Ct);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        var summary = await second.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal((0, 1), (summary.GetProperty("accepted").GetInt32(), summary.GetProperty("duplicates").GetInt32()));
        await using var db = await portal.DbAsync();
        Assert.Equal(1, await db.EntityEvents.CountAsync(e => e.EventId == "evt-dup", Ct));
    }

    [Fact]
    public async Task SameEventPostedConcurrently_IsStoredOnce_AndEveryRequestIsAccepted()
    {
        var client = await ClientAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
            client.PostAsJsonAsync("/api/events", Identity("evt-race", "CREATE", "in.race", new { }), Ct)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        var accepted = 0;
        foreach (var response in responses)
        {
            accepted += (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("accepted").GetInt32();
        }

        Assert.Equal(1, accepted);
        await using var db = await portal.DbAsync();
        Assert.Equal(1, await db.EntityEvents.CountAsync(e => e.EventId == "evt-race", Ct));
    }

    [Fact]
    public async Task BatchWithABadItem_Is400NamingItAndField_AndStoresNothing()
    {
        var client = await ClientAsync();
        object[] events =
        [
            Identity("evt-bad-ok", "CREATE", "in.fine", new { }),
            new { id = "evt-bad-1", entityType = "Printer", eventType = "UPDATE", entityId = "x", identity = "in.fine" },
            new { id = "evt-bad-2", entityType = "IdmIdentity", eventType = "UPDATE", entityId = 42, identity = "in.fine" },
        ];

        var response = await client.PostAsJsonAsync("/api/events", events, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("items[1].entityType", out _));
        Assert.True(errors.TryGetProperty("items[2].entityId", out _));
        await using var db = await portal.DbAsync();
        Assert.False(await db.EntityEvents.AnyAsync(e => e.EventId.StartsWith("evt-bad"), Ct));
    }

    [Fact]
    public async Task MalformedJson_Is400_WrongContentType_Is415_TooLarge_Is413()
    {
        var client = await ClientAsync();

        var malformed = await client.PostAsync("/api/events", new StringContent("{ not json", Encoding.UTF8, "application/json"), Ct);
        var text = await client.PostAsync("/api/events", new StringContent("{}", Encoding.UTF8, "text/plain"), Ct);
        var huge = await client.PostAsync("/api/events", new StringContent($"[\"{new string('x', 1_100_000)}\"]", Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, text.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        Assert.All([malformed, text, huge], r => Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType));
    }

    [Fact]
    public async Task IdentityEventTheDirectoryRefuses_IsKeptWithTheReason()
    {
        var client = await ClientAsync();

        await client.PostAsJsonAsync("/api/events", Identity("evt-orphan", "CREATE", "in.orphan", new { manager = "in.nobody" }), Ct);

        var stored = await WaitUntilSyncedAsync("evt-orphan");
        Assert.Equal(DirectorySyncState.Failed, stored.DirectorySync);
        Assert.Contains("in.nobody", stored.DirectorySyncError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeyWithoutEventsScope_Is403()
    {
        var client = portal.ClientWithKey(await portal.CreateApiKeyAsync(ApiKeyScopes.ConfigRead));

        var response = await client.PostAsJsonAsync("/api/events", Identity("evt-403", "CREATE", "in.x", new { }), Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private static object Identity(string id, string type, string username, object? attributes, object? eav = null) => new
    {
        id,
        entityType = "IdmIdentity",
        eventType = type,
        entityId = $"guid-{username}",
        identity = username,
        occurredAt = "2026-11-24T08:15:00Z",
        after = attributes is null ? null : new { attributes, eav },
    };

    private async Task<HttpClient> ClientAsync() =>
        portal.ClientWithKey(await portal.CreateApiKeyAsync(ApiKeyScopes.EventsWrite, ApiKeyScopes.ConfigRead));

    private Task<EntityEvent> WaitUntilSyncedAsync(string eventId) =>
        Eventually.MatchesAsync($"event {eventId} applied to the directory",
            () => portal.QueryAsync(db => db.EntityEvents.AsNoTracking().SingleAsync(e => e.EventId == eventId, Ct)),
            stored => stored.DirectorySync != DirectorySyncState.Pending);

}

public sealed class EventIngestTestsOnSqlite(PortalFactory portal) : EventIngestTests(portal), IClassFixture<PortalFactory>;

public sealed class EventIngestTestsOnPostgres(PostgresPortalFactory portal) : EventIngestTests(portal), IClassFixture<PostgresPortalFactory>;
