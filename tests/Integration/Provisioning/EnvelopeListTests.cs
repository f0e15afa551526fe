using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Infrastructure.Provisioning;

namespace Switchboard.IntegrationTests.Provisioning;

/// <summary>
/// The envelope list's open view (the page's default) is read state by state and merged; it must still list exactly the
/// open envelopes, newest first, paged without gaps or repeats, like every other view.
/// </summary>
public abstract class EnvelopeListTests(PortalFactory portal)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OpenList_HoldsEveryOpenEnvelope_NewestFirst_PagedWithoutGapsOrRepeats()
    {
        // A window of time no other test stores envelopes in, so the list holds only these.
        var from = new DateTime(2031, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(Random.Shared.Next(0, 3000));
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var rows = new (string State, bool Archived, int Minute)[]
        {
            ("Failed", false, 1), ("Retrying", false, 2), ("Resolved", false, 3), ("Rerunning", false, 4), ("Failed", true, 5), ("SucceededLater", false, 6),
            ("Retrying", false, 7), ("Failed", false, 7), ("Failed", false, 9), ("Rerunning", false, 10), ("Retrying", false, 11), ("Resolved", false, 12),
        };
        await using (var db = await portal.DbAsync())
        {
            for (var i = 0; i < rows.Length; i++)
            {
                var (state, archived, minute) = rows[i];
                var at = from.AddMinutes(minute);
                var correlation = $"list-{suffix}-{i}";
                await db.Database.ExecuteSqlInterpolatedAsync($"""
                    INSERT INTO "ProvisioningEnvelopes" ("Kind", "State", "Archived", "CorrelationId", "RoutingKey", "Scrubbed", "SoftfailCount", "FirstSeenAt", "LastSeenAt", "Tags", "Reruns")
                    VALUES ('Failure', {state}, {archived}, {correlation}, 'request.test', {false}, 0, {at}, {at}, '', 0)
                    """, Ct);
            }
        }

        List<(long Id, DateTime At, string Correlation)> stored;
        await using (var db = await portal.DbAsync())
        {
            stored = (await db.ProvisioningEnvelopes.AsNoTracking().Where(e => e.CorrelationId!.StartsWith($"list-{suffix}-"))
                .Select(e => new { e.Id, e.LastSeenAt, e.CorrelationId }).ToListAsync(Ct)).Select(e => (e.Id, e.LastSeenAt, e.CorrelationId!)).ToList();
        }

        var expected = stored.Where(e => rows[int.Parse(e.Correlation.Split('-')[^1], System.Globalization.CultureInfo.InvariantCulture)] is var r && !r.Archived
                && r.State is "Failed" or "Retrying" or "Rerunning")
            .OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Select(e => e.Id).ToList();
        Assert.Equal(8, expected.Count);

        await using var scope = portal.Services.CreateAsyncScope();
        var service = scope.ServiceProvider.GetRequiredService<ProvisioningService>();
        var window = new EnvelopeFilter(From: from, To: from.AddHours(1));
        var listed = new List<long>();
        for (var page = 0; page < 4; page++)
        {
            var found = await service.EnvelopesAsync(window, page, 3, Ct);
            Assert.Equal(8, found.TotalCount);
            listed.AddRange(found.Items.Select(e => e.Id));
        }

        Assert.Equal(expected, listed);
        Assert.Equal(expected, await service.IdsAsync(window, Ct));
        Assert.Equal(rows.Length, (await service.EnvelopesAsync(window with { State = EnvelopeFilter.All }, 0, 50, Ct)).Items.Count);
    }
}

public sealed class EnvelopeListTestsOnSqlite(PortalFactory portal) : EnvelopeListTests(portal), IClassFixture<PortalFactory>;

public sealed class EnvelopeListTestsOnPostgres(PostgresPortalFactory portal) : EnvelopeListTests(portal), IClassFixture<PostgresPortalFactory>;
