using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Domain.ChatOps;
using Switchboard.Infrastructure.ChatOps;
using Switchboard.Portal.Features.ChatOps;

namespace Switchboard.IntegrationTests.ChatOps;

/// <summary>GLPI opens the ticket but its answer comes after the portal's timeout: the retry must not open a second one.</summary>
public sealed class AmbiguousGlpiFailureTests(PortalFactory portal, SimulatedGlpi glpi) : IClassFixture<PortalFactory>, IClassFixture<SimulatedGlpi>, IAsyncLifetime
{
    private const string Token = "mm-ambiguous-token";
    private WebApplicationFactory<Program>? _bridged;
    private HttpClient _mattermost = null!;
    private string _bridge = "";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _bridged = portal.WithWebHostBuilder(b => b
            .UseSetting("ChatOps:ReplyWithin", "00:00:01")
            .UseSetting("ChatOps:GlpiTimeout", "00:00:02")
            .UseSetting("ChatOps:FirstRetryDelay", "00:00:01")
            .UseSetting("ChatOps:RetryInterval", "00:00:00.300"));
        _mattermost = _bridged.CreateClient();
        glpi.State.Reset();
        _bridge = $"ambiguous-{Guid.NewGuid():N}"[..20];
        await TestBridges.SaveAsync(_bridged.Services, _bridge, glpi, Token);
    }

    public async ValueTask DisposeAsync()
    {
        _mattermost.Dispose();
        if (_bridged is not null)
        {
            await _bridged.DisposeAsync();
        }
    }

    [Fact]
    public async Task CreateAnsweredAfterTheTimeout_TheRetryAdoptsThatTicket_ExactlyOneTicket()
    {
        glpi.State.LateAnswer = TimeSpan.FromSeconds(8);
        glpi.State.AnswerNextCreatesLate(1);

        using var response = await _mattermost.PostAsJsonAsync($"/hooks/mattermost/{_bridge}", new Dictionary<string, string>
        {
            ["token"] = Token,
            ["user_name"] = "lena",
            ["user_id"] = "u-lena",
            ["channel_name"] = "town-square",
            ["team_domain"] = "hospital",
            ["post_id"] = "post-late-answer",
            ["text"] = "112 the scanner in room 4 is offline",
            ["trigger_word"] = "112",
        }, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var created = await Eventually.FoundAsync("the call succeeded", () => portal.QueryAsync(db => db.BridgeCalls.AsNoTracking()
            .SingleOrDefaultAsync(c => c.PostId == "post-late-answer" && c.Status == CallStatus.Created, Ct)));

        var ticket = Assert.Single(glpi.State.Tickets, t => t.Input["content"]!.Contains("post-late-answer", StringComparison.Ordinal));
        Assert.Equal(ticket.Id, created.TicketId);
        Assert.InRange(created.Attempts, 2, 3);
        Assert.Single(glpi.State.Tickets);
    }
}
