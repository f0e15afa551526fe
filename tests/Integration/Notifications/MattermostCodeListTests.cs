using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Switchboard.Domain.ApiKeys;

namespace Switchboard.IntegrationTests.Notifications;

/// <summary>The code-list document carries the Mattermost channels and message; older documents (before channels, digests and date watches) import as e-mail only, at once, watching no date; the webhook URL stays a secret.</summary>
public sealed class MattermostCodeListTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OldDocument_WithoutTheNewerFields_StillImports_AsEmailOnly_AtOnce_WithoutADateWatch()
    {
        var client = portal.ClientWithKey(await portal.CreateApiKeyAsync(ApiKeyScopes.ConfigRead, ApiKeyScopes.ConfigWrite));

        // A document as exports wrote it before the Mattermost channel: no channel, digest or date-watch fields, no Mattermost message.
        var applied = await client.PutAsJsonAsync("/api/notifications/code-lists", new
        {
            topics = new[] { new { code = "mc:old", description = "kept in git", subject = "{{ identity.username }} left", htmlBody = "<p>left</p>", textBody = "left" } },
            configurations = new[] { new { entityType = "IdmIdentity", eventType = "UPDATE", rule = "state:VALID->LEFT", topic = "mc:old", level = "Error", sendToManager = true } },
        }, Ct);
        var exported = await client.GetFromJsonAsync<JsonElement>("/api/notifications/code-lists", Ct);

        Assert.Equal(HttpStatusCode.OK, applied.StatusCode);
        var configuration = Assert.Single(exported.GetProperty("configurations").EnumerateArray());
        Assert.Equal((true, false, false), (configuration.GetProperty("sendEmail").GetBoolean(),
            configuration.GetProperty("sendMattermostDirect").GetBoolean(), configuration.GetProperty("postToMattermostChannel").GetBoolean()));
        Assert.Equal(JsonValueKind.Null, Topic(exported, "mc:old").GetProperty("mattermostBody").ValueKind);
        Assert.Equal(JsonValueKind.Null, configuration.GetProperty("digest").ValueKind);
        Assert.Equal(JsonValueKind.Null, Topic(exported, "mc:old").GetProperty("digest").ValueKind);
        Assert.Equal(JsonValueKind.Null, configuration.GetProperty("watchDate").ValueKind);
    }

    [Fact]
    public async Task Document_WithMattermostChannels_RoundTrips_AndAReimportKeepsTheStoredWebhookThatExportsLeaveOut()
    {
        var client = portal.ClientWithKey(await portal.CreateApiKeyAsync(ApiKeyScopes.ConfigRead, ApiKeyScopes.ConfigWrite));
        const string Webhook = "https://chat.example.test/hooks/rt7secrethookid0000000000";

        var applied = await client.PutAsJsonAsync("/api/notifications/code-lists", MattermostDocument(Webhook), Ct);
        var exported = await client.GetStringAsync("/api/notifications/code-lists", Ct);
        var reimported = await client.PutAsync("/api/notifications/code-lists", new StringContent(exported, System.Text.Encoding.UTF8, "application/json"), Ct);
        var exportedAgain = await client.GetStringAsync("/api/notifications/code-lists", Ct);

        Assert.Equal(HttpStatusCode.OK, applied.StatusCode);
        Assert.Equal(HttpStatusCode.OK, reimported.StatusCode);
        Assert.Equal(exported, exportedAgain);
        Assert.DoesNotContain("rt7secret", exported, StringComparison.Ordinal);
        var document = JsonDocument.Parse(exported).RootElement;
        var configuration = Assert.Single(document.GetProperty("configurations").EnumerateArray());
        Assert.Equal((false, true, true), (configuration.GetProperty("sendEmail").GetBoolean(),
            configuration.GetProperty("sendMattermostDirect").GetBoolean(), configuration.GetProperty("postToMattermostChannel").GetBoolean()));
        Assert.Equal("**{{ identity.username }}** left", Topic(document, "mc:mm").GetProperty("mattermostBody").GetString());
        var stored = await portal.QueryAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.NotificationConfigurations, Ct));
        Assert.Equal("https://chat.example.test/hooks/rt7s…", stored.WebhookHint);
        Assert.NotNull(stored.ProtectedWebhookUrl);
    }

    [Fact]
    public async Task Document_PostingToAChannelWithoutAWebhook_OrToMattermostWithoutAMattermostBody_Is400NamingTheFields()
    {
        var client = portal.ClientWithKey(await portal.CreateApiKeyAsync(ApiKeyScopes.ConfigRead, ApiKeyScopes.ConfigWrite));

        var response = await client.PutAsJsonAsync("/api/notifications/code-lists", MattermostDocument(webhook: null, rule: "state:VALID->DISABLED", mattermostBody: null), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        Assert.Contains("no Mattermost message", errors.GetProperty("configurations[0].Topic")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("incoming webhook's URL", errors.GetProperty("configurations[0].MattermostWebhookUrl")[0].GetString(), StringComparison.Ordinal);
    }

    private static JsonElement Topic(JsonElement document, string code) =>
        document.GetProperty("topics").EnumerateArray().Single(t => t.GetProperty("code").GetString() == code);

    private static object MattermostDocument(string? webhook, string rule = "state:VALID->LEFT", string? mattermostBody = "**{{ identity.username }}** left") => new
    {
        topics = new[] { new { code = "mc:mm", description = (string?)null, subject = "{{ identity.username }} left", htmlBody = "<p>left</p>", textBody = "left", mattermostBody } },
        configurations = new[]
        {
            new
            {
                entityType = "IdmIdentity", eventType = "UPDATE", rule, topic = "mc:mm", level = "Error", sendToManager = true,
                sendEmail = false, sendMattermostDirect = true, postToMattermostChannel = true, mattermostWebhookUrl = webhook,
            },
        },
    };

}
