using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Domain.ApiKeys;
using Switchboard.Domain.Notifications.DateWatches;
using Switchboard.Infrastructure.Persistence;

namespace Switchboard.IntegrationTests.Notifications;

/// <summary>The code-list document carries date watches; a bad watch is a 400 naming it (older documents: MattermostCodeListTests).</summary>
public sealed class AheadOfDateCodeListTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Document_WithADateWatch_RoundTripsIt()
    {
        var client = portal.ClientWithKey(await portal.CreateApiKeyAsync(ApiKeyScopes.ConfigRead, ApiKeyScopes.ConfigWrite));

        var applied = await client.PutAsJsonAsync("/api/notifications/code-lists", Document("!", new { attribute = "EAV:contractEnd", offsetDays = -14 }), Ct);
        var exported = await client.GetStringAsync("/api/notifications/code-lists", Ct);
        var reimported = await client.PutAsync("/api/notifications/code-lists", new StringContent(exported, System.Text.Encoding.UTF8, "application/json"), Ct);
        var exportedAgain = await client.GetStringAsync("/api/notifications/code-lists", Ct);

        Assert.Equal(HttpStatusCode.OK, applied.StatusCode);
        Assert.Equal(HttpStatusCode.OK, reimported.StatusCode);
        Assert.Equal(exported, exportedAgain);
        var watch = Assert.Single(JsonDocument.Parse(exported).RootElement.GetProperty("configurations").EnumerateArray()).GetProperty("watchDate");
        Assert.Equal("EAV:contractEnd", watch.GetProperty("attribute").GetString());
        Assert.Equal(-14, watch.GetProperty("offsetDays").GetInt32());
    }

    [Fact]
    public async Task Reimport_KeepsTheWatchsPlannedDates_UnderItsNewId_AndMovesThemToANewOffset()
    {
        var client = portal.ClientWithKey(await portal.CreateApiKeyAsync(ApiKeyScopes.ConfigRead, ApiKeyScopes.ConfigWrite));
        var db = portal.Services.GetRequiredService<IDbContextFactory<SwitchboardDbContext>>();
        var contractEnd = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(100);
        (await client.PutAsJsonAsync("/api/notifications/code-lists", Document("!", new { attribute = "EAV:contractEnd", offsetDays = -14 }), Ct)).EnsureSuccessStatusCode();
        int before;
        await using (var context = await db.CreateDbContextAsync(Ct))
        {
            before = await context.NotificationConfigurations.Select(c => c.Id).SingleAsync(Ct);
            context.PlannedNotifications.Add(PlannedNotification.Plan(before, "ri.anna", contractEnd, contractEnd.AddDays(-14), null, DateTime.UtcNow));
            await context.SaveChangesAsync(Ct);
        }

        (await client.PutAsJsonAsync("/api/notifications/code-lists", Document("!", new { attribute = "EAV:contractEnd", offsetDays = -7 }), Ct)).EnsureSuccessStatusCode();

        await using var after = await db.CreateDbContextAsync(Ct);
        var id = await after.NotificationConfigurations.Select(c => c.Id).SingleAsync(Ct);
        var row = await after.PlannedNotifications.AsNoTracking().SingleAsync(p => p.IdentityKey == "ri.anna", Ct);
        Assert.NotEqual(before, id);
        Assert.Equal((id, contractEnd.AddDays(-7), PlannedNotificationStatus.Planned), (row.ConfigurationId, row.FireOn, row.Status));
    }

    [Fact]
    public async Task Document_WithADateWatchAndAChangeRule_Is400NamingTheWatch()
    {
        var client = portal.ClientWithKey(await portal.CreateApiKeyAsync(ApiKeyScopes.ConfigRead, ApiKeyScopes.ConfigWrite));

        var response = await client.PutAsJsonAsync("/api/notifications/code-lists", Document("state:VALID->LEFT", new { attribute = "validTill", offsetDays = 3 }), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        Assert.Contains("write ! as its rule", errors.GetProperty("configurations[0].WatchDate")[0].GetString(), StringComparison.Ordinal);
    }

    private static object Document(string rule, object watchDate) => new
    {
        topics = new[] { new { code = "aod:ends", subject = "{{ identity.username }}'s contract ends", htmlBody = "<p>ends</p>", textBody = "ends" } },
        configurations = new[] { new { entityType = "IdmIdentity", eventType = "UPDATE", rule, topic = "aod:ends", sendToIdentity = true, watchDate } },
    };
}
