using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Domain.Notifications;
using Switchboard.Infrastructure.Persistence;

namespace Switchboard.IntegrationTests.Persistence;

/// <summary>The embedded default's demo data: what a newcomer sees alive on first start.</summary>
public sealed class DemoDataTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DemoData_ShowsTheModulesExamples_AndTheirEventsFireToManagerAndRole()
    {
        await using var demo = portal.WithWebHostBuilder(b => b.UseSetting("DemoData:Enabled", "true"));
        var contexts = demo.Services.GetRequiredService<IDbContextFactory<SwitchboardDbContext>>();

        var messages = await Eventually.MatchesAsync("the demo events' messages (to pavel.benes among them)", async () =>
        {
            await using var db = await contexts.CreateDbContextAsync(Ct);
            return await db.OutboxMessages.AsNoTracking().ToListAsync(Ct);
        }, found => found.Any(m => m.RecipientEmail.StartsWith("pavel.benes", StringComparison.Ordinal)));

        await using var check = await contexts.CreateDbContextAsync(Ct);
        var rules = await check.NotificationConfigurations.Select(c => c.RuleScript ?? c.Rule).ToListAsync(Ct);
        Assert.Contains("state:VALID->DISABLED", rules);
        Assert.Contains("description:CHANGED", rules);
        Assert.Contains(messages, m => m.Status == MessageStatus.Sent);
        Assert.Contains(messages, m => m.Status == MessageStatus.Dead && m.LastError!.StartsWith("550", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Topic == "provisioning:description-written" && m.RecipientUsername == "pavel.benes");
        Assert.Contains(messages, m => m.Topic == "identity:state-changed" && m.RecipientUsername == "richard.maly" && m.Subject.StartsWith("Tomáš", StringComparison.Ordinal));
        var run = await check.TokenRuns.SingleAsync(Ct);
        Assert.Equal(run.Processed, await check.TokenOutcomes.CountAsync(o => o.RunId == run.Id, Ct));
        Assert.True(run.Generated > 0 && run.NotFound > 0, $"generated {run.Generated}, not found {run.NotFound}");
    }
}
