using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Domain.Events;
using Switchboard.Domain.Notifications;
using Switchboard.Domain.People;
using Switchboard.Infrastructure.Notifications;
using Switchboard.Infrastructure.People;

namespace Switchboard.IntegrationTests.Notifications;

/// <summary>The editor's backtest over stored events: the edited version beside the saved one, nothing sent or stored, on both providers.</summary>
public abstract class BacktestTests(PortalFactory portal)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EditedRule_FiringOnMoreEvents_CountsEventsAndRecipientsBesideTheSavedVersion_WithinTheWindowOnly()
    {
        var prefix = $"bt{Guid.NewGuid():N}"[..10];
        var savedId = await SeedAsync(prefix, savedRule: "EAV:btcode:1->2");
        var events = await StoreEventsAsync(prefix,
            (DateTime.UtcNow.AddDays(-10), "w2", "2"), // outside 7 days: would make the saved version reach boss2
            (DateTime.UtcNow.AddHours(-3), "w1", "2"),
            (DateTime.UtcNow.AddHours(-2), "w2", "3"),
            (DateTime.UtcNow.AddHours(-1), "w3", "2"));
        var reports = new List<BacktestProgress>();

        var result = await Service().RunAsync(Draft(prefix, "EAV:btcode:CHANGED"), savedId, 7, new Collect(reports), Ct);

        Assert.Equal(3, result.Edited.EventsFired);
        Assert.Equal([$"{prefix}.boss1@example.test", $"{prefix}.boss2@example.test"], result.Edited.Recipients);
        Assert.Equal(2, result.Saved!.EventsFired);
        Assert.Equal([$"{prefix}.boss1@example.test"], result.Saved.Recipients);
        Assert.Equal("+1 events, +1 recipients", result.Difference);
        Assert.Equal([$"{prefix}.boss2@example.test"], result.NewRecipients);
        Assert.True(result.EventsExamined >= 3);
        Assert.Equal(result.EventsExamined, reports[^1].Examined);
        await using var db = await portal.DbAsync();
        Assert.False(await db.OutboxMessages.AnyAsync(m => events.Contains(m.EventId), Ct));
    }

    [Fact]
    public async Task DisabledDraft_IsBacktestedAsIfEnabled_AndANewConfigurationHasNothingToCompare()
    {
        var prefix = $"bd{Guid.NewGuid():N}"[..10];
        await SeedAsync(prefix, savedRule: "EAV:btcode:1->2");
        await StoreEventsAsync(prefix, (DateTime.UtcNow.AddHours(-1), "w1", "2"));

        var result = await Service().RunAsync(Draft(prefix, "EAV:btcode:1->2") with { Disabled = true }, null, 1, null, Ct);

        Assert.Equal(1, result.Edited.EventsFired);
        Assert.Null(result.Saved);
        Assert.Equal("+1 events, +1 recipients", result.Difference);
    }

    [Fact]
    public async Task Backtest_WhenCancelled_Stops()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Service().RunAsync(Draft("bc", "state:CHANGED"), null, 7, null, cancelled.Token));
    }

    [Fact]
    public async Task Backtest_OfMoreDaysThanAllowed_IsRefusedNamingDays()
    {
        var refused = await Assert.ThrowsAsync<ValidationException>(() => Service().RunAsync(Draft("bv", "state:CHANGED"), null, BacktestService.MaxDays + 1, null, Ct));

        Assert.Equal("Days", Assert.Single(refused.Errors).PropertyName);
    }

    [Fact]
    public async Task Backtest_OfARuleThatDoesNotParse_IsRefusedNamingRule_BeforeReadingEvents()
    {
        var refused = await Assert.ThrowsAsync<ValidationException>(() => Service().RunAsync(Draft("bp", "state:VALID->"), null, 7, null, Ct));

        Assert.Equal("Rule", Assert.Single(refused.Errors).PropertyName);
    }

    /// <summary>Collects reports as they come (<see cref="Progress{T}"/> would post them later).</summary>
    private sealed class Collect(List<BacktestProgress> reports) : IProgress<BacktestProgress>
    {
        public void Report(BacktestProgress value) => reports.Add(value);
    }

    private BacktestService Service() => portal.Services.CreateScope().ServiceProvider.GetRequiredService<BacktestService>();

    private static NotificationConfigurationDraft Draft(string prefix, string rule) => new()
    {
        EntityType = EntityTypes.IdmIdentity,
        EventType = EventTypes.Update,
        FormProjection = prefix,
        Rule = rule,
        Topic = $"{prefix}:topic",
        SendToManager = true,
    };

    /// <returns>The saved configuration's id.</returns>
    private async Task<int> SeedAsync(string prefix, string savedRule)
    {
        var result = await portal.Services.GetRequiredService<DirectoryWriter>().UpsertAsync(
        [
            Person(prefix, "boss1", null), Person(prefix, "boss2", null),
            Person(prefix, "w1", "boss1"), Person(prefix, "w2", "boss2"), Person(prefix, "w3", "boss1"),
        ], Ct);
        Assert.True(result.Succeeded);
        await using var scope = portal.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<NotificationTopicsService>().SaveTopicAsync(TestPeople.Admin,
            new TopicDraft($"{prefix}:topic", null, "Subject", "<p>Body</p>", "Body"), Ct);
        return await scope.ServiceProvider.GetRequiredService<NotificationConfigurationsService>()
            .SaveConfigurationAsync(TestPeople.Admin, null, Draft(prefix, savedRule), Ct);
    }

    private static PersonDraft Person(string prefix, string name, string? manager) => new()
    {
        Username = $"{prefix}.{name}",
        Email = $"{prefix}.{name}@example.test",
        Manager = manager is null ? null : $"{prefix}.{manager}",
        State = "VALID",
        FormProjection = prefix,
    };

    /// <summary>Stores events as already evaluated and synced (the jobs leave them alone), oldest first.</summary>
    private async Task<List<long>> StoreEventsAsync(string prefix, params (DateTime ReceivedAt, string Worker, string To)[] changes)
    {
        await using var db = await portal.DbAsync();
        var stored = new List<EntityEvent>();
        foreach (var (receivedAt, worker, to) in changes)
        {
            var entityEvent = EntityEvent.Receive($"{prefix}-{Guid.NewGuid():N}", EntityTypes.IdmIdentity, EventTypes.Update, $"guid-{worker}", $"{prefix}.{worker}",
                null, receivedAt, """{"attributes":{},"eav":{"btcode":"1"}}""", $$$"""{"attributes":{},"eav":{"btcode":"{{{to}}}"}}""", "test", receivedAt);
            entityEvent.RecordEvaluation(null, receivedAt);
            entityEvent.RecordDirectorySync(DirectorySyncState.Skipped, null, receivedAt); // the directory stays as seeded
            db.EntityEvents.Add(entityEvent);
            await db.SaveChangesAsync(Ct); // one at a time: ids in the order of arrival
            stored.Add(entityEvent);
        }

        return stored.Select(e => e.Id).ToList();
    }
}

public sealed class BacktestTestsOnSqlite(PortalFactory portal) : BacktestTests(portal), IClassFixture<PortalFactory>;

public sealed class BacktestTestsOnPostgres(PostgresPortalFactory portal) : BacktestTests(portal), IClassFixture<PostgresPortalFactory>;
