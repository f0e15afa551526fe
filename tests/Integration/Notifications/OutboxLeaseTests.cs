using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Domain.Notifications;
using Switchboard.Infrastructure.Email;
using Switchboard.Infrastructure.Jobs;

namespace Switchboard.IntegrationTests.Notifications;

/// <summary>A sender that died holding messages: they wait out its lease, then another run sends them.</summary>
public sealed class OutboxLeaseTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task MessageClaimedByADeadSender_IsSentOnceTheLeaseRunsOut_NotBefore()
    {
        var now = DateTime.UtcNow;
        var held = OutboxMessage.Queue(0, 0, "lease", NotificationLevel.Info, "held@example.test", null, "held", "h", "t", now);
        held.Claim(now, TimeSpan.FromMinutes(5));
        var abandoned = OutboxMessage.Queue(0, 0, "lease", NotificationLevel.Info, "abandoned@example.test", null, "abandoned", "h", "t", now);
        abandoned.Claim(now.AddMinutes(-10), TimeSpan.FromMinutes(5));
        await using (var db = await portal.DbAsync())
        {
            db.OutboxMessages.AddRange(held, abandoned);
            await db.SaveChangesAsync(Ct);
        }

        portal.Services.GetRequiredService<JobRegistry>().Find(OutboxSenderJob.Name)!.RequestRun();

        await Eventually.TrueAsync("the abandoned message sent", async () => await StatusAsync(abandoned.Id) == MessageStatus.Sent);
        Assert.Equal(MessageStatus.Pending, await StatusAsync(held.Id));
    }

    private async Task<MessageStatus> StatusAsync(long id)
    {
        await using var db = await portal.DbAsync();
        return (await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id, Ct)).Status;
    }
}
