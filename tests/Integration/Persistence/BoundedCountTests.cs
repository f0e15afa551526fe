using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Domain.Events;
using Switchboard.Infrastructure.Notifications;
using Switchboard.Infrastructure.Persistence;

namespace Switchboard.IntegrationTests.Persistence;

/// <summary>The lists count exactly up to the limit and say "more than" beyond it, instead of counting millions of rows.</summary>
public sealed class BoundedCountTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EventsList_PastTheLimit_CountsTheLimit_AndSaysThereAreMore()
    {
        await using (var db = await portal.DbAsync())
        {
            var have = await db.EntityEvents.CountAsync(Ct);
            var now = DateTime.UtcNow;
            db.EntityEvents.AddRange(Enumerable.Range(0, BoundedCount.Limit + 1 - have).Select(i =>
                EntityEvent.Receive($"bounded-{i}", EntityTypes.IdmIdentity, EventTypes.Update, $"e-{i}", "bo.unded", null, null, null, "{}", "test", now)));
            await db.SaveChangesAsync(Ct);
        }

        await using var scope = portal.Services.CreateAsyncScope();
        var page = await scope.ServiceProvider.GetRequiredService<ReceivedEventsService>().EventsAsync(0, 25, Ct);

        Assert.Equal((BoundedCount.Limit, true), (page.TotalCount, page.TotalIsAtLeast));
        Assert.Equal(25, page.Items.Count);
    }

    [Fact]
    public async Task QueryUnderTheLimit_IsCountedExactly()
    {
        await using var db = await portal.DbAsync();

        var (count, isAtLeast) = await db.EntityEvents.Where(e => e.EventId == "no-such-event").CountUpToLimitAsync(Ct);

        Assert.Equal((0, false), (count, isAtLeast));
    }
}
