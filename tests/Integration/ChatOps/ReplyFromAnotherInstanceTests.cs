using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Domain.ChatOps;
using Switchboard.Infrastructure.ChatOps;
using Switchboard.Infrastructure.Jobs;
using Switchboard.Infrastructure.Persistence;

namespace Switchboard.IntegrationTests.ChatOps;

/// <summary>
/// The webhook's reply waits for the call's outcome whichever instance's sender stores it: a ticket opened by another
/// instance (its change notice, as LISTEN/NOTIFY brings it on PostgreSQL) is in the reply, not "being opened in the background".
/// </summary>
public sealed class ReplyFromAnotherInstanceTests(PortalFactory portal, SimulatedGlpi glpi) : IClassFixture<PortalFactory>, IClassFixture<SimulatedGlpi>, IAsyncLifetime
{
    private const string Token = "elsewhere-token";
    private WebApplicationFactory<Program>? _bridged;
    private string _bridge = "";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _bridged = portal.WithWebHostBuilder(b => b.UseSetting("ChatOps:ReplyWithin", "00:00:20"));
        glpi.State.Reset();
        _bridge = $"else-{Guid.NewGuid():N}"[..20];
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
    public async Task TicketOpenedByAnotherInstance_IsInTheReply_AsSoonAsItIsStored()
    {
        // This instance's sender is paused, so only "the other instance" (the test) can store the outcome.
        await using var scope = _bridged!.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<BackgroundJobsService>().SetPausedAsync(TestPeople.Admin, BridgeCallRetryJob.Name, paused: true, Ct);
        var contexts = _bridged.Services.GetRequiredService<IDbContextFactory<SwitchboardDbContext>>();
        using var mattermost = _bridged.CreateClient();
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var reply = mattermost.PostAsJsonAsync($"/hooks/mattermost/{_bridge}", TestBridges.Payload("112 the printer is jammed", "post-elsewhere", "rita", Token), Ct);
        await Eventually.TrueAsync("the call to be stored", async () =>
        {
            await using var db = await contexts.CreateDbContextAsync(Ct);
            return await db.BridgeCalls.AnyAsync(c => c.PostId == "post-elsewhere" && c.Status == CallStatus.Pending, Ct);
        });
        await using (var db = await contexts.CreateDbContextAsync(Ct))
        {
            var call = await db.BridgeCalls.SingleAsync(c => c.PostId == "post-elsewhere", Ct);
            call.MarkCreated(4242, 120, DateTime.UtcNow);
            await db.SaveChangesAsync(Ct);
        }

        var answer = await (await reply).EnsureSuccessStatusCode().Content.ReadAsStringAsync(Ct);
        Assert.Contains("4242", answer, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"the reply came after {clock.Elapsed}, when ChatOps:ReplyWithin ran out");
    }
}
