using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Switchboard.Domain.Audit;
using Switchboard.Domain.Listeners;
using Switchboard.Infrastructure.Changes;
using Switchboard.Infrastructure.Persistence;

namespace Switchboard.IntegrationTests.Changes;

/// <summary>The change feed on the real portal (SQLite): a notice follows a commit, never a rollback.</summary>
public sealed class ChangeFeedTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AuditWrite_NotifiesAuditSubscribersAfterCommit()
    {
        var seen = new ConcurrentQueue<ChangeKind>();
        using var subscription = portal.Services.GetRequiredService<IChangeFeed>().Subscribe(ChangeKind.AuditEntry, seen.Enqueue);

        await portal.Services.GetRequiredService<IAuditLog>()
            .WriteAsync(new AuditRecord(Actor.User("feed.tester"), AuditActions.SignIn, "session", "feed.tester"), Ct);

        await Eventually.TrueAsync("an audit notice", () => seen.Contains(ChangeKind.AuditEntry));
    }

    [Fact]
    public async Task RolledBackTransaction_PublishesNothing_CommittedOneDoes()
    {
        // A feed of this test's own, on the portal's database: the portal's background jobs (the listener monitor prunes its checks at
        // start) publish to the portal's feed, and a loaded machine can put one of those notices between the rollback and the commit.
        var feed = new ChangeFeed(TimeProvider.System, NullLogger<ChangeFeed>.Instance);
        var seen = new ConcurrentQueue<ChangeKind>();
        using var subscription = feed.Subscribe(ChangeKind.ListenerState | ChangeKind.AuditEntry, seen.Enqueue);
        string connectionString;
        await using (var portalDb = await portal.Services.GetRequiredService<IDbContextFactory<SwitchboardDbContext>>().CreateDbContextAsync(Ct))
        {
            connectionString = portalDb.Database.GetConnectionString()!;
        }

        var options = new DbContextOptionsBuilder<SwitchboardDbContext>().UseSqlite(connectionString).AddInterceptors(new ChangeNoticeInterceptor(feed)).Options;
        await using (var db = new SwitchboardDbContext(options))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(Ct);
            db.DeploymentStatuses.Add(DeploymentStatus.New($"rolled-back-{Guid.NewGuid():N}", DateTime.UtcNow));
            await db.SaveChangesAsync(Ct);
            await transaction.RollbackAsync(Ct);
        }

        // Notices keep their order: once the committed write's notice is here, a notice of the rollback would have come first.
        await using (var db = new SwitchboardDbContext(options))
        {
            db.AuditEntries.Add(AuditEntry.From(new AuditRecord(Actor.User("feed.tester"), AuditActions.SignIn, "session", "feed.tester"), DateTime.UtcNow));
            await db.SaveChangesAsync(Ct);
        }

        await Eventually.TrueAsync("the audit notice", () => seen.Any(k => k.HasFlag(ChangeKind.AuditEntry)));
        Assert.DoesNotContain(seen, k => k.HasFlag(ChangeKind.ListenerState));
    }

    [Fact]
    public async Task ExecuteUpdate_NotifiesByItsTable()
    {
        var contexts = portal.Services.GetRequiredService<IDbContextFactory<SwitchboardDbContext>>();
        var name = $"bulk-{Guid.NewGuid():N}";
        await using (var db = await contexts.CreateDbContextAsync(Ct))
        {
            db.DeploymentStatuses.Add(DeploymentStatus.New(name, DateTime.UtcNow));
            await db.SaveChangesAsync(Ct);
        }

        var seen = new ConcurrentQueue<ChangeKind>();
        using var subscription = portal.Services.GetRequiredService<IChangeFeed>().Subscribe(ChangeKind.ListenerState, seen.Enqueue);
        await using (var db = await contexts.CreateDbContextAsync(Ct))
        {
            await db.DeploymentStatuses.Where(s => s.Deployment == name).ExecuteDeleteAsync(Ct);
        }

        await Eventually.TrueAsync("a listener notice for the bulk delete", () => seen.Contains(ChangeKind.ListenerState));
    }
}
