using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Domain.Audit;
using Switchboard.Domain.ChatOps;
using Switchboard.Infrastructure.ChatOps;
using Switchboard.Portal.Features.ChatOps;

namespace Switchboard.IntegrationTests.ChatOps;

/// <summary>Mattermost's outgoing webhook through the portal to the GLPI simulator.</summary>
public abstract class MattermostHookTests(PortalFactory portal, SimulatedGlpi glpi) : IClassFixture<SimulatedGlpi>, IAsyncLifetime
{
    private const string Token = "mm-outgoing-token";
    private WebApplicationFactory<Program>? _bridged;
    private HttpClient _mattermost = null!;
    private string _bridge = "";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        // The reply waits up to 5 s for the ticket: long enough for a loaded machine to open one in time, so the tests
        // that expect the number in the reply do not depend on the machine's speed.
        _bridged = portal.WithWebHostBuilder(b => b
            .UseSetting("ChatOps:ReplyWithin", "00:00:05")
            .UseSetting("ChatOps:FirstRetryDelay", "00:00:03")
            .UseSetting("ChatOps:RetryInterval", "00:00:00.300")
            .UseSetting("ChatOps:CallsPerUserPerMinute", "3"));
        _mattermost = _bridged.CreateClient();
        glpi.State.Reset();
        _bridge = $"helpdesk-{Guid.NewGuid():N}"[..20];
        await TestBridges.SaveAsync(_bridged.Services, _bridge, glpi, $"old-token\n{Token}", "112, helpdesk", TicketType.Request, urgency: 4);
    }

    public async ValueTask DisposeAsync()
    {
        _mattermost.Dispose();
        if (_bridged is not null)
        {
            await _bridged.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    private static Dictionary<string, string> Payload(string text, string postId, string user = "alice", string token = Token) =>
        TestBridges.Payload(text, postId, user, token);

    private async Task<(HttpStatusCode Status, string Text)> PostJsonAsync(Dictionary<string, string> payload)
    {
        using var response = await _mattermost.PostAsJsonAsync($"/hooks/mattermost/{_bridge}", payload, Ct);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        return (response.StatusCode, body.TryGetProperty("text", out var text) ? text.GetString()! : body.ToString());
    }

    private Task<BridgeCall> CallAsync(string postId, Func<BridgeCall, bool> when, string what) =>
        Eventually.FoundAsync(what, () => portal.QueryAsync(async db =>
            await db.BridgeCalls.AsNoTracking().SingleOrDefaultAsync(c => c.PostId == postId, Ct) is { } call && when(call) ? call : null));

    [Fact]
    public async Task JsonPayload_OpensATicket_WithWhoAndWhere_AndRepliesWithItsNumber()
    {
        var (status, reply) = await PostJsonAsync(Payload("112 the printer on floor 2 is jammed", "post-json"));

        var ticket = Assert.Single(glpi.State.Tickets, t => t.Input["content"]!.Contains("post-json", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains($"#{ticket.Id}", reply, StringComparison.Ordinal);
        Assert.Equal("Request from alice", ticket.Input["name"]);
        Assert.StartsWith("the printer on floor 2 is jammed\n", ticket.Input["content"], StringComparison.Ordinal);
        Assert.Contains("channel town-square, team hospital", ticket.Input["content"], StringComparison.Ordinal);
        Assert.Equal(("7", "2", "4"), (ticket.Input["requesttypes_id"], ticket.Input["type"], ticket.Input["urgency"]));
        var call = await CallAsync("post-json", c => c.Status == CallStatus.Created, "the call recorded as created");
        Assert.Equal(ticket.Id, call.TicketId);
    }

    [Fact]
    public async Task FormPayload_OpensATicketToo()
    {
        using var response = await _mattermost.PostAsync($"/hooks/mattermost/{_bridge}", new FormUrlEncodedContent(Payload("112 need a new badge", "post-form", "bob")), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Single(glpi.State.Tickets, t => t.Input["content"]!.StartsWith("need a new badge", StringComparison.Ordinal));
        var reply = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("comment", reply.GetProperty("response_type").GetString());
    }

    /// <summary>Waits until no earlier test's call is still being sent or waiting for a retry, so GLPI's counters are this test's alone.</summary>
    private Task QuiescentAsync() =>
        Eventually.TrueAsync("earlier calls finished", () => portal.QueryAsync(async db =>
            !await db.BridgeCalls.AnyAsync(c => c.Status == CallStatus.Pending || (c.Status == CallStatus.Failed && c.NextAttemptAt != null), Ct)
            && glpi.State.OpenSessions == 0));

    [Fact]
    public async Task WrongToken_Is401_CallsNoGlpi_AndIsAuditedWithTheSource()
    {
        await QuiescentAsync();
        var sessions = glpi.State.InitSessions;

        var (status, _) = await PostJsonAsync(Payload("112 let me in", "post-forged", token: "guess"));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal(sessions, glpi.State.InitSessions);
        await using var db = await portal.DbAsync();
        Assert.False(await db.BridgeCalls.AnyAsync(c => c.PostId == "post-forged", Ct));
        var entry = await db.AuditEntries.OrderByDescending(a => a.Id).FirstAsync(a => a.Action == "chatops.call-rejected" && a.ObjectId == _bridge, Ct);
        Assert.Equal(AuditResult.Denied, entry.Result);
        Assert.Contains("from ", entry.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RotatedToken_TheOldOneStillWorks() =>
        Assert.Equal(HttpStatusCode.OK, (await PostJsonAsync(Payload("112 old token still set", "post-old-token", "carol", "old-token"))).Status);

    [Theory]
    [InlineData("112 reset my password", "reset my password")]
    [InlineData("112    reset   ", "reset")]
    [InlineData("helpdesk VPN is down", "VPN is down")]
    public async Task TriggerWord_IsStrippedWhole(string text, string expected)
    {
        var postId = $"post-strip-{Guid.NewGuid():N}";
        await PostJsonAsync(Payload(text, postId, $"dave{Guid.NewGuid():N}"[..12]));

        var call = await CallAsync(postId, c => c.Status == CallStatus.Created, "the call created");
        Assert.Equal(expected, call.Text);
    }

    [Fact]
    public async Task OnlyTheTriggerWord_GetsHowToUseIt_AndNoTicket()
    {
        await QuiescentAsync();
        var sessions = glpi.State.InitSessions;

        var (status, reply) = await PostJsonAsync(Payload("112", "post-empty", "erin"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Write what you need after the trigger word", reply, StringComparison.Ordinal);
        Assert.Equal(sessions, glpi.State.InitSessions);
        Assert.DoesNotContain(glpi.State.Tickets, t => t.Input["content"]!.Contains("post-empty", StringComparison.Ordinal));
        Assert.Equal(CallStatus.Empty, (await CallAsync("post-empty", _ => true, "the empty call recorded")).Status);
    }

    [Fact]
    public async Task GlpiDown_RecordedAsFailed_RetriedLater_ExactlyOneTicket()
    {
        glpi.State.Down = true;
        var (status, reply) = await PostJsonAsync(Payload("112 monitor flickers", "post-down", "frank"));
        var failed = await CallAsync("post-down", c => c.Status == CallStatus.Failed, "the call failed");
        glpi.State.Down = false;

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("recorded", reply, StringComparison.Ordinal);
        Assert.Equal("HTTP_503", failed.ErrorCode);
        var created = await CallAsync("post-down", c => c.Status == CallStatus.Created, "the retried call created");
        Assert.True(created.Attempts >= 2);
        Assert.Single(glpi.State.Tickets, t => t.Input["content"]!.Contains("post-down", StringComparison.Ordinal));
    }

    [Fact]
    public async Task KillSession_IsCalled_EvenWhenTicketCreationFails()
    {
        glpi.State.FailNextCreates(1);
        await PostJsonAsync(Payload("112 keyboard missing keys", "post-add-fails", "gina"));

        var failed = await CallAsync("post-add-fails", c => c.Status == CallStatus.Failed, "the call failed");

        Assert.Equal("ERROR_GLPI_ADD", failed.ErrorCode);
        Assert.StartsWith("You don't have permission", failed.ErrorMessage, StringComparison.Ordinal);
        await Eventually.TrueAsync("every GLPI session killed", () => glpi.State.OpenSessions == 0);
    }

    [Fact]
    public async Task SamePostTwice_OpensOneTicket()
    {
        var first = await PostJsonAsync(Payload("112 coffee machine broken", "post-dup", "hank"));
        var second = await PostJsonAsync(Payload("112 coffee machine broken", "post-dup", "hank"));

        Assert.Single(glpi.State.Tickets, t => t.Input["content"]!.Contains("post-dup", StringComparison.Ordinal));
        Assert.Equal(first.Text, second.Text);
    }

    [Fact]
    public async Task TooManyCallsFromOnePerson_Get429_WithAFriendlyReply()
    {
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await PostJsonAsync(Payload($"112 request {i}", $"post-rate-{i}", "ivan"))).Status);
        }

        var (status, reply) = await PostJsonAsync(Payload("112 one more", "post-rate-3", "ivan"));

        Assert.Equal(HttpStatusCode.TooManyRequests, status);
        Assert.StartsWith("Too many requests from you", reply, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await PostJsonAsync(Payload("112 someone else", "post-rate-other", "judy"))).Status);
    }

    [Fact]
    public async Task SlowGlpi_MattermostIsAnsweredBeforeTheTicketExists_AndTheTicketFollows()
    {
        // GLPI holds every answer until Mattermost has its reply: the reply (due after ChatOps:ReplyWithin) cannot have
        // waited for the ticket, however fast or loaded the machine.
        glpi.State.HoldAnswers();
        try
        {
            var (status, reply) = await PostJsonAsync(Payload("112 slow lane", "post-slow", "kate"));

            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Contains("being opened in the background", reply, StringComparison.Ordinal);
            Assert.DoesNotContain(glpi.State.Tickets, t => t.Input["content"]!.Contains("post-slow", StringComparison.Ordinal));
        }
        finally
        {
            glpi.State.ReleaseAnswers();
        }

        await CallAsync("post-slow", c => c.Status == CallStatus.Created, "the slow call created in the background");
    }
}

public sealed class MattermostHookTestsOnSqlite(PortalFactory portal, SimulatedGlpi glpi) : MattermostHookTests(portal, glpi), IClassFixture<PortalFactory>;

public sealed class MattermostHookTestsOnPostgres(PostgresPortalFactory portal, SimulatedGlpi glpi) : MattermostHookTests(portal, glpi), IClassFixture<PostgresPortalFactory>;
