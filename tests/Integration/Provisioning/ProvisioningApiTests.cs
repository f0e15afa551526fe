using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Domain.ApiKeys;
using Switchboard.Domain.Provisioning;
using Switchboard.Infrastructure.Access;
using Switchboard.Infrastructure.Provisioning;

namespace Switchboard.IntegrationTests.Provisioning;

/// <summary>The embedded default has no broker: messages arrive through the API, and reruns say why they cannot be sent.</summary>
public sealed class ProvisioningApiTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static object Request(string id) => new
    {
        routingKey = "request.googleapps.user.create",
        properties = new { message_id = id, type = "request", reply_to = "exchange" },
        headers = new Dictionary<string, object> { ["soa-version"] = "2.0", ["softfail-count"] = 0 },
        body = new { gram_account_uuid = "36a7e016-a300-4f52-85f4-6804dede6c6b", primary_email = "api@gadz.org", aliases = Array.Empty<string>() },
    };

    private static object Reply(string requestId) => new
    {
        routingKey = "reply.googleapps.user.create",
        properties = new { message_id = requestId + "-r", correlation_id = requestId, type = "reply" },
        headers = new Dictionary<string, object> { ["soa-version"] = "2.0", ["status-code"] = 409, ["error-type"] = "hardfail", ["error-name"] = "GoogleAccountAlreadyExists" },
        body = new { error_message = "taken", debug_message = (string?)null, error_data = new { google_id = "77" } },
    };

    [Fact]
    public async Task PostedMessages_AreStoredAsAnEnvelope_OnlyOnce()
    {
        using var client = portal.ClientWithKey(await portal.CreateApiKeyAsync(ApiKeyScopes.EnvelopesWrite));

        var first = await client.PostAsJsonAsync("/api/provisioning/messages", new[] { Request("api-1"), Reply("api-1") }, Ct);
        var again = await client.PostAsJsonAsync("/api/provisioning/messages", new[] { Request("api-1"), Reply("api-1") }, Ct);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var summary = await first.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(2, summary.GetProperty("stored").GetInt32());
        Assert.Equal(2, (await again.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("duplicates").GetInt32());
        await using var db = await portal.DbAsync();
        var envelope = await db.ProvisioningEnvelopes.SingleAsync(e => e.CorrelationId == "api-1", Ct);
        Assert.Equal((409, "GoogleAccountAlreadyExists", "77"), (envelope.StatusCode, envelope.ErrorName, envelope.GoogleId));
    }

    [Fact]
    public async Task MessageWithoutRoutingKey_IsRefusedWithProblemDetails_AndNothingStored()
    {
        using var client = portal.ClientWithKey(await portal.CreateApiKeyAsync(ApiKeyScopes.EnvelopesWrite));

        var response = await client.PostAsJsonAsync("/api/provisioning/messages", new[] { Request("api-bad"), new { body = "x" } }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("[1].routingKey", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        await using var db = await portal.DbAsync();
        Assert.False(await db.ProvisioningMessages.AnyAsync(m => m.MessageId == "api-bad", Ct));
    }

    [Fact]
    public async Task Rerun_WithoutABroker_SaysSo_AndLeavesTheEnvelopeAsItWas()
    {
        using var writer = portal.ClientWithKey(await portal.CreateApiKeyAsync(ApiKeyScopes.EnvelopesWrite));
        await writer.PostAsJsonAsync("/api/provisioning/messages", new[] { Request("api-2"), Reply("api-2") }, Ct);
        await using var db = await portal.DbAsync();
        var envelope = await db.ProvisioningEnvelopes.SingleAsync(e => e.CorrelationId == "api-2", Ct);

        var response = await writer.PostAsync($"/api/provisioning/envelopes/{envelope.Id}/reruns", null, Ct);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("No broker is configured", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        await using var after = await portal.DbAsync();
        Assert.Equal((EnvelopeState.Failed, 0), await after.ProvisioningEnvelopes.Where(e => e.Id == envelope.Id).Select(e => ValueTuple.Create(e.State, e.Reruns)).SingleAsync(Ct));
    }

    [Fact]
    public async Task WithoutABroker_EveryRerunPath_GivesTheSameReason_BeforeAnythingIsAsked()
    {
        using var writer = portal.ClientWithKey(await portal.CreateApiKeyAsync(ApiKeyScopes.EnvelopesWrite, ApiKeyScopes.EnvelopesRead));
        await writer.PostAsJsonAsync("/api/provisioning/messages", new[] { Request("api-3"), Reply("api-3") }, Ct);
        await using var db = await portal.DbAsync();
        var envelope = await db.ProvisioningEnvelopes.SingleAsync(e => e.CorrelationId == "api-3", Ct);
        await using var scope = portal.Services.CreateAsyncScope();
        var service = scope.ServiceProvider.GetRequiredService<Switchboard.Infrastructure.Provisioning.ProvisioningService>();

        // The list (bulk and group reruns), the envelope page and the API read the one rule.
        var reason = service.RerunsUnavailableBecause;
        Assert.Equal(Switchboard.Infrastructure.Provisioning.EnvelopeReruns.NoBroker, reason);
        Assert.Equal(reason, service.Capture().RerunsUnavailableBecause);
        Assert.Equal(reason, (await service.EnvelopeAsync(envelope.Id, Ct))!.RerunBlockedBecause);
        var detail = await writer.GetFromJsonAsync<JsonElement>($"/api/provisioning/envelopes/{envelope.Id}", Ct);
        Assert.Equal(reason, detail.GetProperty("rerunBlockedBecause").GetString());
        var refusal = await writer.PostAsync($"/api/provisioning/envelopes/{envelope.Id}/reruns", null, Ct);
        Assert.Contains(reason!, await refusal.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RerunMany_WithoutABroker_CountsEveryRefusal_AndReportsProgressAfterEach()
    {
        using var writer = portal.ClientWithKey(await portal.CreateApiKeyAsync(ApiKeyScopes.EnvelopesWrite));
        await writer.PostAsJsonAsync("/api/provisioning/messages", new[] { Request("api-many-1"), Reply("api-many-1"), Request("api-many-2"), Reply("api-many-2") }, Ct);
        await using var db = await portal.DbAsync();
        var ids = await db.ProvisioningEnvelopes.Where(e => e.CorrelationId!.StartsWith("api-many-")).Select(e => e.Id).ToListAsync(Ct);
        await using var scope = portal.Services.CreateAsyncScope();
        var service = scope.ServiceProvider.GetRequiredService<Switchboard.Infrastructure.Provisioning.ProvisioningService>();
        var reported = new List<int>();

        var result = await service.RerunManyAsync(TestPeople.Operator, ids, new Switchboard.Portal.Components.InlineProgress<int>(reported.Add), Ct);

        Assert.Equal(2, ids.Count);
        Assert.Equal((0, 2, 0), (result.Sent, result.Refused, result.Skipped));
        Assert.Contains("No broker is configured", result.LastProblem, StringComparison.Ordinal);
        Assert.Equal([1, 2], reported);
    }

    [Fact]
    public void ScrubPatternNamingNothing_IsRefused_NamingTheSetting()
    {
        var validator = portal.Services.GetRequiredService<Microsoft.Extensions.Options.IValidateOptions<Switchboard.Infrastructure.Provisioning.ProvisioningOptions>>();

        var result = validator.Validate(null, new Switchboard.Infrastructure.Provisioning.ProvisioningOptions { ScrubKeys = ["api key", "-"] });

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.StartsWith("Provisioning:ScrubKeys", StringComparison.Ordinal) && f.Contains("'-'", StringComparison.Ordinal));
        Assert.True(validator.Validate(null, new Switchboard.Infrastructure.Provisioning.ProvisioningOptions { ScrubKeys = ["api key", "session-id"] }).Succeeded);
    }

    [Fact]
    public async Task ReadingKey_CannotRerun_AndTheRefusalIsAudited()
    {
        using var reader = portal.ClientWithKey(await portal.CreateApiKeyAsync(ApiKeyScopes.EnvelopesRead));

        var list = await reader.GetAsync("/api/provisioning/envelopes?state=All", Ct);
        var rerun = await reader.PostAsync("/api/provisioning/envelopes/1/reruns", null, Ct);

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, rerun.StatusCode);
        await using var db = await portal.DbAsync();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Result == Domain.Audit.AuditResult.Denied && a.ObjectId == "/api/provisioning/envelopes/1/reruns", Ct));
    }

    [Fact]
    public async Task Viewer_IsRefusedARerun_ByTheServer_AndTheRefusalIsAudited()
    {
        using var writer = portal.ClientWithKey(await portal.CreateApiKeyAsync(ApiKeyScopes.EnvelopesWrite));
        await writer.PostAsJsonAsync("/api/provisioning/messages", new[] { Request("api-3"), Reply("api-3") }, Ct);
        await using var db = await portal.DbAsync();
        var envelope = await db.ProvisioningEnvelopes.SingleAsync(e => e.CorrelationId == "api-3", Ct);
        await using var scope = portal.Services.CreateAsyncScope();
        var service = scope.ServiceProvider.GetRequiredService<Switchboard.Infrastructure.Provisioning.ProvisioningService>();

        await Assert.ThrowsAsync<AccessDeniedException>(() => service.RerunAsync(TestPeople.Viewer, envelope.Id, null, Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => service.ResolveAsync(TestPeople.Viewer, [envelope.Id], "done", null, Ct));

        await using var after = await portal.DbAsync();
        Assert.Equal(2, await after.AuditEntries.CountAsync(a => a.Actor == "vera.viewer" && a.Result == Domain.Audit.AuditResult.Denied && a.ObjectType == "envelope", Ct));
        Assert.Equal(EnvelopeState.Failed, (await after.ProvisioningEnvelopes.SingleAsync(e => e.Id == envelope.Id, Ct)).State);
    }
}
