using System.Globalization;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Domain.ApiKeys;
using Switchboard.Domain.Audit;
using Switchboard.Domain.ChatOps;
using Switchboard.Infrastructure.ChatOps;

namespace Switchboard.IntegrationTests.ChatOps;

/// <summary>An Operator's Retry of a failed call: the ticket is opened, and the retry is audited per call with its outcome.</summary>
public sealed class OperatorRetryTests(PortalFactory portal, SimulatedGlpi glpi) : IClassFixture<PortalFactory>, IClassFixture<SimulatedGlpi>, IAsyncLifetime
{
    private const string Token = "retry-token";
    private WebApplicationFactory<Program>? _bridged;
    private string _bridge = "";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        // No automatic retry within the test: only the Operator's Retry sends the failed call again.
        _bridged = portal.WithWebHostBuilder(b => b.UseSetting("ChatOps:FirstRetryDelay", "01:00:00"));
        glpi.State.Reset();
        _bridge = $"retry-{Guid.NewGuid():N}"[..20];
        await TestBridges.SaveAsync(_bridged.Services, _bridge, glpi, Token);
    }

    public async ValueTask DisposeAsync()
    {
        if (_bridged is not null)
        {
            await _bridged.DisposeAsync();
        }
    }

    [Fact]
    public async Task RetryOfAFailedCall_OpensTheTicket_AndAuditsTheCallWithItsTicket()
    {
        glpi.State.Down = true;
        using var mattermost = _bridged!.CreateClient();
        (await mattermost.PostAsJsonAsync($"/hooks/mattermost/{_bridge}", TestBridges.Payload("112 printer on fire", "post-retry-audit", "rita", Token), Ct)).EnsureSuccessStatusCode();
        var failed = await Eventually.FoundAsync("the failed call", () => portal.QueryAsync(db =>
            db.BridgeCalls.AsNoTracking().SingleOrDefaultAsync(c => c.PostId == "post-retry-audit" && c.Status == CallStatus.Failed, Ct)));
        glpi.State.Down = false;

        await using var scope = _bridged.Services.CreateAsyncScope();
        var (created, failedAgain) = await scope.ServiceProvider.GetRequiredService<ChatOpsService>().RetryAsync(TestPeople.Operator, [failed.Id], Ct);

        Assert.Equal((1, 0), (created, failedAgain));
        var call = await portal.QueryAsync(db => db.BridgeCalls.AsNoTracking().SingleAsync(c => c.Id == failed.Id, Ct));
        var entry = await portal.QueryAsync(db => db.AuditEntries.AsNoTracking()
            .SingleAsync(e => e.Action == AuditActions.BridgeCallRetried && e.ObjectId == failed.Id.ToString(CultureInfo.InvariantCulture), Ct));
        Assert.Equal(("otto.operator", AuditResult.Success), (entry.Actor, entry.Result));
        Assert.Contains($"ticket {call.TicketId} opened", entry.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheApi_GivesOneCall_WithItsTicketUrlButNoAuditEntries_WhichAuditReadFindsByObject_And404ProblemsForUnknownIds()
    {
        glpi.State.Down = true;
        using var mattermost = _bridged!.CreateClient();
        (await mattermost.PostAsJsonAsync($"/hooks/mattermost/{_bridge}", TestBridges.Payload("112 scanner jammed", "post-retry-api", "rita", Token), Ct)).EnsureSuccessStatusCode();
        var failed = await Eventually.FoundAsync("the failed call", () => portal.QueryAsync(db =>
            db.BridgeCalls.AsNoTracking().SingleOrDefaultAsync(c => c.PostId == "post-retry-api" && c.Status == CallStatus.Failed, Ct)));
        glpi.State.Down = false;
        await using (var scope = _bridged.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ChatOpsService>().RetryAsync(TestPeople.Operator, [failed.Id], Ct);
        }

        // The call endpoint needs config:read only, so its answer must not carry what audit:read gates.
        using var configReader = portal.ClientWithKey(await portal.CreateApiKeyAsync(ApiKeyScopes.ConfigRead));
        using var api = portal.ClientWithKey(await portal.CreateApiKeyAsync(PortalFactory.AllScopes));
        var call = await configReader.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/chatops/calls/{failed.Id}", Ct);
        var unknownCall = await configReader.GetAsync($"/api/chatops/calls/{failed.Id + 100_000}", Ct);

        Assert.Equal("post-retry-api", call.GetProperty("call").GetProperty("postId").GetString());
        Assert.Contains("/front/ticket.form.php?id=", call.GetProperty("call").GetProperty("ticketUrl").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("audit", call.EnumerateObject().Select(p => p.Name), StringComparer.OrdinalIgnoreCase);
        var audit = await api.GetFromJsonAsync<System.Text.Json.JsonElement>(
            $"/api/audit?objectType={ChatOpsService.CallObjectType}&objectId={failed.Id.ToString(CultureInfo.InvariantCulture)}", Ct);
        var audited = Assert.Single(audit.GetProperty("items").EnumerateArray());
        var entryId = audited.GetProperty("id").GetInt64();
        var entry = await api.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/audit/{entryId}", Ct);
        var unknownEntry = await api.GetAsync($"/api/audit/{entryId + 1_000_000}", Ct);
        Assert.Equal(AuditActions.BridgeCallRetried, entry.GetProperty("entry").GetProperty("action").GetString());
        Assert.Equal((System.Net.HttpStatusCode.NotFound, "application/problem+json"), (unknownCall.StatusCode, unknownCall.Content.Headers.ContentType?.MediaType));
        Assert.Equal((System.Net.HttpStatusCode.NotFound, "application/problem+json"), (unknownEntry.StatusCode, unknownEntry.Content.Headers.ContentType?.MediaType));
    }
}
