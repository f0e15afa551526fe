using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Switchboard.Domain.ApiKeys;

namespace Switchboard.IntegrationTests.Notifications;

public sealed class CodeListImportTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static object Document(string rule) => new
    {
        topics = new[] { new { code = "vc:left", description = "kept in git", subject = "{{ identity.username }} left", htmlBody = "<p>left</p>", textBody = "left" } },
        configurations = new[] { new { entityType = "IdmIdentity", eventType = "UPDATE", rule, topic = "vc:left", level = "Error", sendToManager = true } },
    };

    [Fact]
    public async Task Import_PreviewThenApply_ThenExportGivesTheSameDocumentBack()
    {
        var client = portal.ClientWithKey(await portal.CreateApiKeyAsync(ApiKeyScopes.ConfigRead, ApiKeyScopes.ConfigWrite));

        var preview = await (await client.PutAsJsonAsync("/api/notifications/code-lists?preview=true", Document("state:VALID->LEFT"), Ct))
            .Content.ReadFromJsonAsync<JsonElement>(Ct);
        var stillEmpty = await client.GetFromJsonAsync<JsonElement>("/api/notifications/code-lists", Ct);
        var applied = await client.PutAsJsonAsync("/api/notifications/code-lists", Document("state:VALID->LEFT"), Ct);
        var exported = await client.GetFromJsonAsync<JsonElement>("/api/notifications/code-lists", Ct);

        Assert.Equal("vc:left", preview.GetProperty("topicsAdded")[0].GetString());
        Assert.Equal(0, stillEmpty.GetProperty("configurations").GetArrayLength());
        Assert.Equal(HttpStatusCode.OK, applied.StatusCode);
        var configuration = Assert.Single(exported.GetProperty("configurations").EnumerateArray());
        Assert.Equal(("state:VALID->LEFT", "vc:left", "Error"), (configuration.GetProperty("rule").GetString(), configuration.GetProperty("topic").GetString(), configuration.GetProperty("level").GetString()));
        Assert.Equal("kept in git", Assert.Single(exported.GetProperty("topics").EnumerateArray()).GetProperty("description").GetString());
    }

    [Fact]
    public async Task Import_WithABadRule_Is400NamingTheField_AndChangesNothing()
    {
        var client = portal.ClientWithKey(await portal.CreateApiKeyAsync(ApiKeyScopes.ConfigRead, ApiKeyScopes.ConfigWrite));
        var before = await client.GetStringAsync("/api/notifications/code-lists", Ct);

        var response = await client.PutAsJsonAsync("/api/notifications/code-lists", Document("state:VALID"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        Assert.Equal("expected '->' at column 12", errors.GetProperty("configurations[0].Rule")[0].GetString());
        Assert.Equal(before, await client.GetStringAsync("/api/notifications/code-lists", Ct));
    }

    [Fact]
    public async Task Export_ForASignedInPerson_IsADownloadableDocument()
    {
        var client = portal.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await DevelopmentSignIn.SignInAsync(client, "vera.viewer", Ct);

        var response = await client.GetAsync("/notifications/code-lists.json", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(JsonValueKind.Array, document.GetProperty("topics").ValueKind);
        Assert.Equal(JsonValueKind.Array, document.GetProperty("configurations").ValueKind);
    }

    [Fact]
    public async Task Import_WithAReadOnlyKey_Is403()
    {
        var client = portal.ClientWithKey(await portal.CreateApiKeyAsync(ApiKeyScopes.ConfigRead));

        var response = await client.PutAsJsonAsync("/api/notifications/code-lists", Document("!"), Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
