using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Switchboard.Domain.ApiKeys;

namespace Switchboard.IntegrationTests.Notifications;

/// <summary>The code-list document carries digest schedules and digest templates; a bad schedule is a 400 naming it (older documents: MattermostCodeListTests).</summary>
public sealed class DigestCodeListTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Document_WithDigests_RoundTrips_ScheduleAndDigestTemplate()
    {
        var client = portal.ClientWithKey(await portal.CreateApiKeyAsync(ApiKeyScopes.ConfigRead, ApiKeyScopes.ConfigWrite));

        var applied = await client.PutAsJsonAsync("/api/notifications/code-lists", Document(new { everyMinutes = (int?)null, cron = "0 8 * * 1-5" }), Ct);
        var exported = await client.GetStringAsync("/api/notifications/code-lists", Ct);
        var reimported = await client.PutAsync("/api/notifications/code-lists", new StringContent(exported, System.Text.Encoding.UTF8, "application/json"), Ct);
        var exportedAgain = await client.GetStringAsync("/api/notifications/code-lists", Ct);

        Assert.Equal(HttpStatusCode.OK, applied.StatusCode);
        Assert.Equal(HttpStatusCode.OK, reimported.StatusCode);
        Assert.Equal(exported, exportedAgain);
        var document = JsonDocument.Parse(exported).RootElement;
        var configuration = Assert.Single(document.GetProperty("configurations").EnumerateArray());
        Assert.Equal("0 8 * * 1-5", configuration.GetProperty("digest").GetProperty("cron").GetString());
        var topic = document.GetProperty("topics").EnumerateArray().Single(t => t.GetProperty("code").GetString() == "dc:digest");
        Assert.Equal("{{ count }} left", topic.GetProperty("digest").GetProperty("subject").GetString());
    }

    [Fact]
    public async Task Document_WithACronThatDoesNotParse_Is400NamingTheDigestsCron()
    {
        var client = portal.ClientWithKey(await portal.CreateApiKeyAsync(ApiKeyScopes.ConfigRead, ApiKeyScopes.ConfigWrite));

        var response = await client.PutAsJsonAsync("/api/notifications/code-lists", Document(new { everyMinutes = (int?)null, cron = "every morning" }), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        Assert.Contains("five cron fields", errors.GetProperty("configurations[0].Digest.Cron")[0].GetString(), StringComparison.Ordinal);
    }

    private static object Document(object digest) => new
    {
        topics = new[]
        {
            new
            {
                code = "dc:digest", subject = "{{ identity.username }} left", htmlBody = "<p>left</p>", textBody = "left",
                digest = new { subject = "{{ count }} left", htmlBody = "<ul>{% for item in items %}<li>{{ item.identity.username }}</li>{% endfor %}</ul>", textBody = "" },
            },
        },
        configurations = new[] { new { entityType = "IdmIdentity", eventType = "UPDATE", rule = "state:VALID->LEFT", topic = "dc:digest", sendToManager = true, digest } },
    };
}
