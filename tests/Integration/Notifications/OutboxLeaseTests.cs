using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Domain.Notifications;
using Switchboard.Infrastructure.Email;
using Switchboard.Infrastructure.Jobs;

namespace Switchboard.IntegrationTests.Notifications;

/// <summary>
/// The outbox claims: a sender that died holding messages leaves them until its lease runs out; senders claiming at
/// the same time (several instances) never take the same message.
/// </summary>
public abstract class OutboxLeaseTests(PortalFactory portal)
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

    [Fact]
    public async Task TwoSendersClaimingAtOnce_NeverTakeTheSameMessage()
    {
        // Due a day ahead, so the portal's own sender (on the real clock) leaves them to the two senders here.
        var due = DateTime.UtcNow.AddDays(1);
        var queued = Enumerable.Range(0, 400)
            .Select(i => OutboxMessage.Queue(0, 0, "claims", NotificationLevel.Info, $"c{i}@example.test", null, "claimed", "h", "t", due))
            .ToList();
        await using (var db = await portal.DbAsync())
        {
            db.OutboxMessages.AddRange(queued);
            await db.SaveChangesAsync(Ct);
        }

        // The two senders claim in step, so they really claim at the same moments (otherwise one may drain the outbox
        // before the other has started, and the test would prove nothing).
        using var together = new Barrier(2);
        var ours = queued.Select(m => m.Id).ToHashSet();
        var senders = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() => ClaimUntilNoneLeftAsync(due.AddMinutes(1), ours, together), Ct)));

        var taken = senders.SelectMany(ids => ids).Where(ours.Contains).ToList();
        Assert.Equal(ours.Count, taken.Count);
        Assert.Equal(ours.Order(), taken.Order());
        Assert.All(senders, ids => Assert.NotEmpty(ids));
    }

    /// <summary>
    /// One sender: claims small chunks until none of <paramref name="ours"/> is left unclaimed, as <see cref="OutboxSenderJob"/>
    /// polls again after an empty claim, each claim in step with the other sender. (A claim can come back empty while
    /// messages are due: on PostgreSQL it skips rows another transaction holds locked at that moment.)
    /// </summary>
    private async Task<List<long>> ClaimUntilNoneLeftAsync(DateTime now, HashSet<long> ours, Barrier together)
    {
        var taken = new List<long>();
        while (true)
        {
            await using var db = await portal.DbAsync();
            together.SignalAndWait(Ct);
            var chunk = await OutboxStore.ClaimAsync(db, now, TimeSpan.FromMinutes(5), 10, Ct);
            if (chunk.Count == 0 && !await db.OutboxMessages.AnyAsync(m => ours.Contains(m.Id) && m.LeaseUntil == null, Ct))
            {
                together.RemoveParticipant();
                return taken;
            }

            taken.AddRange(chunk.Select(m => m.Id));
        }
    }

    private async Task<MessageStatus> StatusAsync(long id)
    {
        await using var db = await portal.DbAsync();
        return (await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id, Ct)).Status;
    }
}

public sealed class OutboxLeaseTestsOnSqlite(PortalFactory portal) : OutboxLeaseTests(portal), IClassFixture<PortalFactory>;

public sealed class OutboxLeaseTestsOnPostgres(PostgresPortalFactory portal) : OutboxLeaseTests(portal), IClassFixture<PostgresPortalFactory>;
