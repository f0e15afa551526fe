using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Domain.ApiKeys;
using Switchboard.Domain.Notifications;
using Switchboard.Domain.Retries;
using Switchboard.Infrastructure.Notifications;

namespace Switchboard.IntegrationTests.Notifications;

/// <summary>The configurations grid's figures, from grouped queries over the outbox, on both database providers.</summary>
public abstract class ConfigurationStatisticsTests(PortalFactory portal)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly ManualClock _clock = new();

    private DateTime Now => _clock.GetUtcNow().UtcDateTime;

    [Fact]
    public async Task Statistics_CountEventsNotMessages_SplitSevenAndThirtyDays_AndCountSentAndFailed()
    {
        var (busy, quiet) = (await ConfigureAsync("st-busy"), await ConfigureAsync("st-quiet"));
        // Event 1, two days ago, to two recipients (one sent, one dead); event 2, ten days ago, sent; event 3, forty days ago (outside 30 days).
        await QueueAsync(busy, eventId: 9_100_001, Now.AddDays(-2), Sent);
        await QueueAsync(busy, eventId: 9_100_001, Now.AddDays(-2), Dead);
        await QueueAsync(busy, eventId: 9_100_002, Now.AddDays(-10), Sent);
        await QueueAsync(busy, eventId: 9_100_003, Now.AddDays(-40), Sent);
        await QueueAsync(quiet, eventId: 9_100_004, Now.AddDays(-45), Failing);

        var service = Service();
        var figures = await service.StatisticsAsync(busy, Ct);
        var old = await service.StatisticsAsync(quiet, Ct);

        Assert.Equal((1, 2, 2, 1), (figures.FiredLast7Days, figures.FiredLast30Days, figures.SentLast30Days, figures.FailedLast30Days));
        Assert.Equal(Now.AddDays(-2), figures.LastFiredAt!.Value, TimeSpan.FromMilliseconds(1));
        Assert.Equal(DateTimeKind.Utc, figures.LastFiredAt.Value.Kind);
        Assert.False(figures.NeverFiredLately);
        Assert.Equal((0, 0, 0, 0), (old.FiredLast7Days, old.FiredLast30Days, old.SentLast30Days, old.FailedLast30Days));
        Assert.Equal(Now.AddDays(-45), old.LastFiredAt!.Value, TimeSpan.FromMilliseconds(1));
        Assert.True(old.NeverFiredLately);
    }

    [Fact]
    public async Task Grid_SortedByFiresInSevenDays_PutsTheBusiestFirst_AndNeverFiredHasNoLastFire()
    {
        var prefix = $"so{Guid.NewGuid():N}"[..10];
        var (never, once, twice) = (await ConfigureAsync($"{prefix}-a"), await ConfigureAsync($"{prefix}-b"), await ConfigureAsync($"{prefix}-c"));
        await QueueAsync(once, eventId: 9_200_001, Now.AddDays(-1), Sent);
        await QueueAsync(twice, eventId: 9_200_002, Now.AddDays(-1), Sent);
        await QueueAsync(twice, eventId: 9_200_003, Now.AddDays(-3), Sent);

        var rows = (await Service().ConfigurationsAsync(new ConfigurationQuery(), 0, 1000, Ct,
            new ConfigurationSort(ConfigurationSortColumn.FiredLast7Days, Descending: true))).Items.Where(r => r.Id == never || r.Id == once || r.Id == twice).ToList();

        Assert.Equal([twice, once, never], rows.Select(r => r.Id));
        Assert.Equal([2, 1, 0], rows.Select(r => r.Statistics.FiredLast7Days));
        Assert.Null(rows[2].Statistics.LastFiredAt);
        Assert.True(rows[2].Statistics.NeverFiredLately);
    }

    [Fact]
    public async Task Grid_SortedByFailedEvaluations_Ascending_OrdersByTheStoredFailureCount()
    {
        var prefix = $"fe{Guid.NewGuid():N}"[..10];
        var (clean, failing) = (await ConfigureAsync($"{prefix}-a"), await ConfigureAsync($"{prefix}-b"));
        await using (var db = await portal.DbAsync())
        {
            var configuration = await db.NotificationConfigurations.FindAsync([failing], Ct);
            configuration!.RecordFailure("rule script: boom", Now);
            configuration.RecordFailure("rule script: boom", Now);
            await db.SaveChangesAsync(Ct);
        }

        var rows = (await Service().ConfigurationsAsync(new ConfigurationQuery(), 0, 1000, Ct,
            new ConfigurationSort(ConfigurationSortColumn.FailedEvaluations))).Items.Where(r => r.Id == clean || r.Id == failing).ToList();

        Assert.Equal([clean, failing], rows.Select(r => r.Id));
        Assert.Equal(2, rows[1].Statistics.FailedEvaluations);
    }

    [Fact]
    public async Task Api_ListsEveryConfigurationsFigures_AndAnUnknownOneIs404ProblemDetails()
    {
        var id = await ConfigureAsync("st-api");
        await QueueAsync(id, eventId: 9_300_001, DateTime.UtcNow.AddHours(-1), Sent);
        var client = portal.ClientWithKey(await portal.CreateApiKeyAsync(ApiKeyScopes.ConfigRead));

        var all = await client.GetFromJsonAsync<JsonElement>("/api/notifications/configurations/statistics", Ct);
        var missing = await client.GetAsync("/api/notifications/configurations/999999/statistics", Ct);

        var mine = all.EnumerateArray().Single(s => s.GetProperty("configurationId").GetInt32() == id);
        Assert.Equal(1, mine.GetProperty("firedLast7Days").GetInt32());
        Assert.Equal(1, mine.GetProperty("sentLast30Days").GetInt32());
        Assert.False(mine.GetProperty("neverFiredLately").GetBoolean());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
    }

    private static readonly Action<OutboxMessage, DateTime> Sent = (m, at) => m.MarkSent("250 OK", at);
    private static readonly Action<OutboxMessage, DateTime> Dead = (m, at) => m.MarkFailed("550 no such user", at, new RetrySchedule(1, TimeSpan.FromMinutes(1)));

    /// <summary>Failed, with its next attempt a year away (the sender leaves it alone during the test).</summary>
    private static readonly Action<OutboxMessage, DateTime> Failing = (m, at) => m.MarkFailed("421 try later", at, new RetrySchedule(5, TimeSpan.FromDays(400)));

    private NotificationConfigurationsService Service() =>
        ActivatorUtilities.CreateInstance<NotificationConfigurationsService>(portal.Services.CreateScope().ServiceProvider, (TimeProvider)_clock);

    private async Task QueueAsync(int configurationId, long eventId, DateTime at, Action<OutboxMessage, DateTime> outcome)
    {
        var message = OutboxMessage.Queue(eventId, configurationId, "st:topic", NotificationLevel.Info, $"r{Guid.NewGuid():N}@example.test", null, "s", "h", "t", at);
        outcome(message, at);
        await using var db = await portal.DbAsync();
        db.OutboxMessages.Add(message);
        await db.SaveChangesAsync(Ct);
    }

    private async Task<int> ConfigureAsync(string prefix)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<NotificationTopicsService>().SaveTopicAsync(TestPeople.Admin,
            new TopicDraft($"{prefix}:topic", null, "Subject", "<p>Body</p>", "Body"), Ct);
        return await scope.ServiceProvider.GetRequiredService<NotificationConfigurationsService>().SaveConfigurationAsync(TestPeople.Admin, null,
            new NotificationConfigurationDraft
            {
                EntityType = "IdmIdentity",
                EventType = "UPDATE",
                FormProjection = prefix,
                Rule = "state:CHANGED",
                Topic = $"{prefix}:topic",
                SendToManager = true,
            }, Ct);
    }
}

public sealed class ConfigurationStatisticsTestsOnSqlite(PortalFactory portal) : ConfigurationStatisticsTests(portal), IClassFixture<PortalFactory>;

public sealed class ConfigurationStatisticsTestsOnPostgres(PostgresPortalFactory portal) : ConfigurationStatisticsTests(portal), IClassFixture<PostgresPortalFactory>;
