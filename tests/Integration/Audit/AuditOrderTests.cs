using Microsoft.Extensions.DependencyInjection;
using Switchboard.Domain.Audit;
using Switchboard.Infrastructure.Audit;
using Switchboard.Portal.Features.Audit;

namespace Switchboard.IntegrationTests.Audit;

public abstract class AuditOrderTests(PortalFactory portal)
{
    private static readonly DateTime Now = new(2026, 11, 24, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task NewestFirst_OrdersByTime_SoABackdatedEntrySitsAmongTheOlderOnes()
    {
        var actor = $"order-{Guid.NewGuid():N}";
        await AppendAsync(actor, ("yesterday", Now.AddDays(-1)), ("today", Now), ("backdated to last week", Now.AddDays(-7)), ("today, written later", Now));

        await using var scope = portal.Services.CreateAsyncScope();
        var page = await scope.ServiceProvider.GetRequiredService<AuditService>()
            .QueryAsync(new AuditFilter(Actor: actor), 0, 10, TestContext.Current.CancellationToken);

        // Equal times keep the order of writing, newest first.
        Assert.Equal(["today, written later", "today", "yesterday", "backdated to last week"], page.Items.Select(e => e.Details));
    }

    [Fact]
    public async Task ActorFilter_MatchesThePrefix_InAnyCase_AndTakesWildcardsLiterally()
    {
        var actor = $"Case.Person_{Guid.NewGuid():N}";
        await AppendAsync(actor, ("written", Now));

        await using var scope = portal.Services.CreateAsyncScope();
        var audit = scope.ServiceProvider.GetRequiredService<AuditService>();
        var found = await audit.QueryAsync(new AuditFilter(Actor: actor[..20].ToLowerInvariant()), 0, 10, TestContext.Current.CancellationToken);
        var wildcard = await audit.QueryAsync(new AuditFilter(Actor: "case.person%"), 0, 10, TestContext.Current.CancellationToken);

        Assert.Equal("written", Assert.Single(found.Items).Details);
        Assert.Empty(wildcard.Items);
    }

    private async Task AppendAsync(string actor, params (string Details, DateTime At)[] entries)
    {
        await using var db = await portal.DbAsync();
        foreach (var (details, at) in entries)
        {
            db.AuditEntries.Add(AuditEntry.From(new AuditRecord(Actor.User(actor), "test.ordered", "test", null, Details: details), at));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }
    }
}

public sealed class AuditOrderTestsOnSqlite(PortalFactory portal) : AuditOrderTests(portal), IClassFixture<PortalFactory>;

public sealed class AuditOrderTestsOnPostgres(PostgresPortalFactory portal) : AuditOrderTests(portal), IClassFixture<PostgresPortalFactory>;
