using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Switchboard.Domain.ApiKeys;
using Switchboard.Domain.Notifications;
using Switchboard.Domain.Notifications.DateWatches;
using Switchboard.Domain.Notifications.Scripts;
using Switchboard.Domain.Notifications.Templates;
using Switchboard.Domain.People;
using Switchboard.Infrastructure.ApiKeys;
using Switchboard.Infrastructure.Notifications;
using Switchboard.Infrastructure.Notifications.DateWatches;
using Switchboard.Infrastructure.People;
using Switchboard.Infrastructure.Persistence;
using Switchboard.Portal.Features.ApiKeys;

namespace Switchboard.IntegrationTests.Notifications;

/// <summary>
/// Notifications ahead of a date (issue 17 §2) end to end: identity events plan a person's date, a changed date re-plans,
/// a removed one cancels, the directory's EAVs plan the people no event mentioned, and a due date fires exactly once, also
/// when the job runs again and when a second portal on the same database runs it.
/// </summary>
public sealed class AheadOfDateDeliveryTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    [Fact]
    public async Task DueDate_FiresOnce_AcrossAReRun_AndASecondPortalOnTheSameDatabase()
    {
        await using var smtp = await MailDev.StartAsync();
        var folder = Path.Combine(Path.GetTempPath(), $"switchboard-dates-{Guid.NewGuid():N}");
        await using var online = Configure(portal, smtp.SmtpPort, folder);
        var configurationId = await ArrangeAsync(online, "ad", new DateWatch("validTill", -14));

        // Ten days ahead: its "14 days before" day is gone, the date is not, so it is due today.
        // Evaluating the event plans it and wakes the date job, which fires it.
        await PostAsync(online, "ad-1", "ad.anna", before: null, after: Today.AddDays(10));
        var row = await WaitForRowAsync(online, configurationId, "ad.anna", PlannedNotificationStatus.Fired);
        Assert.Equal(Today, row.FireOn);

        Assert.Equal(0, await FireDueAsync(online));
        await using (var second = Configure(portal, smtp.SmtpPort, folder))
        {
            Assert.Equal(0, await FireDueAsync(second));
        }

        // The same event evaluated again (a run that died before noting it) plans nothing new for a fired date.
        await ReEvaluateAsync(online, "ad-1");
        Assert.Equal(0, await FireDueAsync(online));

        var mail = await WaitForMailAsync(smtp, "ad.anna@example.test");
        Assert.Equal($"Anna Worker: valid till {DateValues.Write(Today.AddDays(10))}", mail.GetProperty("subject").GetString());
        await using var db = await Db(online).CreateDbContextAsync(Ct);
        var message = await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.ConfigurationId == configurationId, Ct);
        Assert.Equal(row.EventId, message.EventId);
        var fired = await db.PlannedNotifications.AsNoTracking().SingleAsync(p => p.ConfigurationId == configurationId, Ct);
        Assert.Equal(PlannedNotificationStatus.Fired, fired.Status);
    }

    [Fact]
    public async Task ChangedDate_CancelsTheOldPlan_AndPlansTheNew_AndRemovalCancels()
    {
        await using var smtp = await MailDev.StartAsync();
        await using var online = Configure(portal, smtp.SmtpPort, Path.Combine(Path.GetTempPath(), $"switchboard-dates-{Guid.NewGuid():N}"));
        var configurationId = await ArrangeAsync(online, "ch", new DateWatch("validTill", -14));
        var (first, second) = (Today.AddDays(60), Today.AddDays(90));

        await PostAsync(online, "ch-1", "ch.anna", before: null, after: first);
        await WaitForRowAsync(online, configurationId, "ch.anna", PlannedNotificationStatus.Planned);
        await PostAsync(online, "ch-2", "ch.anna", before: first, after: second);
        var planned = await WaitForRowAsync(online, configurationId, "ch.anna", PlannedNotificationStatus.Planned, second);
        Assert.Equal(second.AddDays(-14), planned.FireOn);
        await PostAsync(online, "ch-3", "ch.anna", before: second, after: null);
        await WaitForRowAsync(online, configurationId, "ch.anna", PlannedNotificationStatus.Cancelled, second);

        await using var db = await Db(online).CreateDbContextAsync(Ct);
        var rows = await db.PlannedNotifications.AsNoTracking().Where(p => p.ConfigurationId == configurationId).OrderBy(p => p.DateValue).ToListAsync(Ct);
        Assert.All(rows, r => Assert.Equal(PlannedNotificationStatus.Cancelled, r.Status));
        Assert.Equal([first, second], rows.Select(r => r.DateValue));
        Assert.Contains("changed to", rows[0].Note, StringComparison.Ordinal);
        Assert.Contains("removed", rows[1].Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SavingAnotherOffset_MovesThePlannedDay_AndAnotherAttributeCancels()
    {
        await using var smtp = await MailDev.StartAsync();
        await using var online = Configure(portal, smtp.SmtpPort, Path.Combine(Path.GetTempPath(), $"switchboard-dates-{Guid.NewGuid():N}"));
        var configurationId = await ArrangeAsync(online, "of", new DateWatch("validTill", -14));
        var validTill = Today.AddDays(60);
        await PostAsync(online, "of-1", "of.anna", before: null, after: validTill);
        await WaitForRowAsync(online, configurationId, "of.anna", PlannedNotificationStatus.Planned);

        await SaveWatchAsync(online, configurationId, "of", new DateWatch("validTill", 3));
        var moved = await WaitForRowAsync(online, configurationId, "of.anna", PlannedNotificationStatus.Planned);
        await SaveWatchAsync(online, configurationId, "of", new DateWatch("EAV:contractEnd", 3));
        var cancelled = await WaitForRowAsync(online, configurationId, "of.anna", PlannedNotificationStatus.Cancelled);

        Assert.Equal(validTill.AddDays(3), moved.FireOn);
        Assert.Equal("the configuration watches EAV:contractEnd now", cancelled.Note);
    }

    [Fact]
    public async Task TestBench_SaysOnWhichDayASampleEventsDateWouldFire_AndPlansNothing()
    {
        await using var smtp = await MailDev.StartAsync();
        await using var online = Configure(portal, smtp.SmtpPort, Path.Combine(Path.GetTempPath(), $"switchboard-dates-{Guid.NewGuid():N}"));
        var configurationId = await ArrangeAsync(online, "tb", new DateWatch("validTill", -14));
        var validTill = Today.AddDays(100);
        var (sample, errors) = TestBenchService.ReadEvent(JsonSerializer.Serialize(new
        {
            id = "tb-1",
            entityType = "IdmIdentity",
            eventType = "UPDATE",
            entityId = "guid-tb",
            identity = "tb.anna",
            before = new { attributes = new { state = "VALID" } },
            after = new { attributes = new { state = "VALID", validTill = DateValues.Write(validTill) } },
        }));
        Assert.Empty(errors);

        await using var scope = online.Services.CreateAsyncScope();
        var verdicts = await scope.ServiceProvider.GetRequiredService<TestBenchService>().DryRunAsync(sample!, Ct);

        var verdict = Assert.Single(verdicts, v => v.Configuration.Id == configurationId);
        Assert.Equal(VerdictKind.DatePlanned, verdict.Kind);
        Assert.StartsWith($"would fire on {DateValues.Write(validTill.AddDays(-14))}", verdict.Reason, StringComparison.Ordinal);
        Assert.Empty(verdict.Messages);
        await using var db = await Db(online).CreateDbContextAsync(Ct);
        Assert.False(await db.PlannedNotifications.AnyAsync(p => p.ConfigurationId == configurationId, Ct));
    }

    [Fact]
    public async Task DirectoryEav_PlansThePeopleNoEventMentioned_AndComingUpListsThem()
    {
        await using var smtp = await MailDev.StartAsync();
        await using var online = Configure(portal, smtp.SmtpPort, Path.Combine(Path.GetTempPath(), $"switchboard-dates-{Guid.NewGuid():N}"));
        var configurationId = await ArrangeAsync(online, "dr", new DateWatch("EAV:contractEnd", 0),
            new Dictionary<string, string> { ["contractEnd"] = DateValues.Write(Today.AddDays(30)) });

        await using (var db = await Db(online).CreateDbContextAsync(Ct))
        {
            var planner = new DatePlanner(db, Today, DateTime.UtcNow);
            await planner.FollowDirectoryAsync(await db.NotificationConfigurations.AsNoTracking().Where(c => c.Id == configurationId).ToListAsync(Ct),
                directoryFollowsEvents: true, Ct);
        }

        await using var scope = online.Services.CreateAsyncScope();
        var comingUp = await scope.ServiceProvider.GetRequiredService<PlannedNotificationsService>().ComingUpAsync(new ComingUpQuery(ConfigurationId: configurationId), 0, 10, Ct);
        var row = Assert.Single(comingUp.Items);
        Assert.Equal(("dr.anna", Today.AddDays(30), Today.AddDays(30)), (row.Identity, row.DateValue, row.FireOn));
        var forPerson = await scope.ServiceProvider.GetRequiredService<PlannedNotificationsService>().ComingUpAsync(new ComingUpQuery(Identity: "DR.Anna"), 0, 10, Ct);
        Assert.Equal(configurationId, Assert.Single(forPerson.Items).ConfigurationId);
    }

    [Fact]
    public async Task DirectoryEdit_MovesThePlannedDate_AndRemovingItCancels_WithoutWaitingForTheJobsInterval()
    {
        await using var smtp = await MailDev.StartAsync();
        await using var online = Configure(portal, smtp.SmtpPort, Path.Combine(Path.GetTempPath(), $"switchboard-dates-{Guid.NewGuid():N}"));
        var configurationId = await ArrangeAsync(online, "de", new DateWatch("EAV:contractEnd", -7));
        var (first, second) = (Today.AddDays(40), Today.AddDays(70));

        // Saving the person (as the person page and the API do) rings the date job, which follows the directory.
        await SavePersonAsync(online, "de", first);
        await WaitForRowAsync(online, configurationId, "de.anna", PlannedNotificationStatus.Planned, first);
        await SavePersonAsync(online, "de", second);
        var moved = await WaitForRowAsync(online, configurationId, "de.anna", PlannedNotificationStatus.Planned, second);
        var replaced = await WaitForRowAsync(online, configurationId, "de.anna", PlannedNotificationStatus.Cancelled, first);
        await SavePersonAsync(online, "de", null);
        var removed = await WaitForRowAsync(online, configurationId, "de.anna", PlannedNotificationStatus.Cancelled, second);

        Assert.Equal(second.AddDays(-7), moved.FireOn);
        Assert.Equal($"EAV:contractEnd changed to {DateValues.Write(second)} (the directory)", replaced.Note);
        Assert.Equal("EAV:contractEnd removed (the directory)", removed.Note);
    }

    [Fact]
    public async Task FailedDate_RetriedAfterTheConfigurationIsFixed_FiresOnce_AndTheRetryIsAudited()
    {
        await using var smtp = await MailDev.StartAsync();
        await using var online = Configure(portal, smtp.SmtpPort, Path.Combine(Path.GetTempPath(), $"switchboard-dates-{Guid.NewGuid():N}"));
        var configurationId = await ArrangeAsync(online, "rt", new DateWatch("validTill", -14), recipientsScript: "throw new Error('no recipients today')");
        await PostAsync(online, "rt-1", "rt.anna", before: null, after: Today.AddDays(3));
        var failed = await WaitForRowAsync(online, configurationId, "rt.anna", PlannedNotificationStatus.Failed);
        Assert.Contains("no recipients today", failed.Note, StringComparison.Ordinal);

        await using var scope = online.Services.CreateAsyncScope();
        var planned = scope.ServiceProvider.GetRequiredService<PlannedNotificationsService>();
        var listed = await planned.ComingUpAsync(new ComingUpQuery(Identity: "rt.anna"), 0, 10, Ct);
        Assert.Equal(PlannedNotificationStatus.Failed, Assert.Single(listed.Items).Status);
        await Assert.ThrowsAsync<Switchboard.Infrastructure.Access.AccessDeniedException>(() => planned.RetryAsync(TestPeople.Viewer, failed.Id, Ct));

        await SaveWatchAsync(online, configurationId, "rt", new DateWatch("validTill", -14));
        Assert.True(await planned.RetryAsync(TestPeople.Operator, failed.Id, Ct));
        Assert.False(await planned.RetryAsync(TestPeople.Operator, failed.Id, Ct));

        var fired = await WaitForRowAsync(online, configurationId, "rt.anna", PlannedNotificationStatus.Fired);
        await WaitForMailAsync(smtp, "rt.anna@example.test");
        await using var db = await Db(online).CreateDbContextAsync(Ct);
        Assert.Equal(1, await db.OutboxMessages.CountAsync(m => m.ConfigurationId == configurationId, Ct));
        Assert.Equal(failed.Id, fired.Id);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == Switchboard.Domain.Audit.AuditActions.PlannedNotificationRetried
            && a.ObjectId == failed.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), Ct));
    }

    [Fact]
    public async Task PlannedApi_ListsAPersonsDates_AndRetryAnswersProblemDetails_ForARowNotFailed_AndAnUnknownOne()
    {
        await using var smtp = await MailDev.StartAsync();
        await using var online = Configure(portal, smtp.SmtpPort, Path.Combine(Path.GetTempPath(), $"switchboard-dates-{Guid.NewGuid():N}"));
        var configurationId = await ArrangeAsync(online, "ap", new DateWatch("validTill", -14));
        await PostAsync(online, "ap-1", "ap.anna", before: null, after: Today.AddDays(60));
        var row = await WaitForRowAsync(online, configurationId, "ap.anna", PlannedNotificationStatus.Planned);
        using var client = online.CreateClient();
        await using (var scope = online.Services.CreateAsyncScope())
        {
            var key = await scope.ServiceProvider.GetRequiredService<ApiKeyService>().CreateAsync(
                TestPeople.Admin, new() { Name = $"dates {Guid.NewGuid():N}", Scopes = [ApiKeyScopes.ConfigRead, ApiKeyScopes.JobsRun] }, Ct);
            client.DefaultRequestHeaders.Add("X-Api-Key", key.Secret);
        }

        var listed = await client.GetFromJsonAsync<JsonElement>("/api/notifications/planned?identity=AP.Anna", Ct);
        var notFailed = await client.PostAsync($"/api/notifications/planned/{row.Id}/retries", null, Ct);
        var unknown = await client.PostAsync("/api/notifications/planned/999999999/retries", null, Ct);

        var item = Assert.Single(listed.GetProperty("items").EnumerateArray());
        Assert.Equal((configurationId, "Planned", DateValues.Write(Today.AddDays(46))),
            (item.GetProperty("configurationId").GetInt32(), item.GetProperty("status").GetString(), item.GetProperty("fireOn").GetString()));
        Assert.Equal((System.Net.HttpStatusCode.Conflict, "application/problem+json"), (notFailed.StatusCode, notFailed.Content.Headers.ContentType?.MediaType));
        Assert.Equal((System.Net.HttpStatusCode.NotFound, "application/problem+json"), (unknown.StatusCode, unknown.Content.Headers.ContentType?.MediaType));
    }

    [Fact]
    public async Task DeletingTheConfiguration_CancelsItsPlannedDates()
    {
        await using var smtp = await MailDev.StartAsync();
        await using var online = Configure(portal, smtp.SmtpPort, Path.Combine(Path.GetTempPath(), $"switchboard-dates-{Guid.NewGuid():N}"));
        var configurationId = await ArrangeAsync(online, "dl", new DateWatch("validTill", -14));
        await PostAsync(online, "dl-1", "dl.anna", before: null, after: Today.AddDays(60));
        await WaitForRowAsync(online, configurationId, "dl.anna", PlannedNotificationStatus.Planned);

        await using (var scope = online.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<NotificationConfigurationsService>().DeleteConfigurationAsync(TestPeople.Admin, configurationId, Ct);
        }

        var cancelled = await WaitForRowAsync(online, configurationId, "dl.anna", PlannedNotificationStatus.Cancelled);
        Assert.Equal("the configuration was deleted", cancelled.Note);
    }

    private static async Task SavePersonAsync(WebApplicationFactory<Program> portal, string prefix, DateOnly? contractEnd)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<PeopleService>().SaveAsync(TestPeople.Admin, new PersonDraft
        {
            Username = $"{prefix}.anna",
            FirstName = "Anna",
            LastName = "Worker",
            Email = $"{prefix}.anna@example.test",
            State = "VALID",
            Attributes = contractEnd is { } date ? new Dictionary<string, string> { ["contractEnd"] = DateValues.Write(date) } : new Dictionary<string, string>(),
        }, Ct);
        Assert.True(result.Succeeded);
    }

    private static WebApplicationFactory<Program> Configure(PortalFactory portal, int port, string folder) => portal.WithWebHostBuilder(b => b
        .UseSetting("Smtp:Host", "127.0.0.1")
        .UseSetting("Smtp:Port", port.ToString(System.Globalization.CultureInfo.InvariantCulture))
        .UseSetting("Smtp:Security", "None")
        .UseSetting("Smtp:PollInterval", "00:00:01")
        .UseSetting("Database:DataFolder", folder));

    private static IDbContextFactory<SwitchboardDbContext> Db(WebApplicationFactory<Program> portal) =>
        portal.Services.GetRequiredService<IDbContextFactory<SwitchboardDbContext>>();

    /// <summary>Runs the firing half of the date job once, beside the job itself; returns the dates it fired.</summary>
    private static async Task<int> FireDueAsync(WebApplicationFactory<Program> portal)
    {
        var firer = new DateFirer(Db(portal), portal.Services.GetRequiredService<ITemplateRenderer>(), portal.Services.GetRequiredService<INotificationScripts>(),
            portal.Services.GetRequiredService<IOptions<NotificationLimitsOptions>>().Value, portal.Services.GetRequiredService<IOptions<DateWatchOptions>>().Value,
            TimeProvider.System);
        await firer.RunAsync(Ct);
        return firer.Fired;
    }

    private static async Task ReEvaluateAsync(WebApplicationFactory<Program> portal, string eventId)
    {
        await using (var db = await Db(portal).CreateDbContextAsync(Ct))
        {
            await db.EntityEvents.Where(e => e.EventId == eventId).ExecuteUpdateAsync(u => u.SetProperty(e => e.Evaluated, false), Ct);
        }

        await Eventually.TrueAsync($"event {eventId} evaluated again", async () =>
        {
            await using var db = await Db(portal).CreateDbContextAsync(Ct);
            return await db.EntityEvents.AnyAsync(e => e.EventId == eventId && e.Evaluated, Ct);
        });
    }

    private static async Task<int> ArrangeAsync(
        WebApplicationFactory<Program> portal, string prefix, DateWatch watch, IReadOnlyDictionary<string, string>? attributes = null, string? recipientsScript = null)
    {
        var result = await portal.Services.GetRequiredService<DirectoryWriter>().UpsertAsync(
        [
            new PersonDraft
            {
                Username = $"{prefix}.anna", FirstName = "Anna", LastName = "Worker", Email = $"{prefix}.anna@example.test", State = "VALID",
                Attributes = attributes ?? new Dictionary<string, string>(),
            },
        ], Ct);
        Assert.True(result.Succeeded);
        await using var scope = portal.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<NotificationTopicsService>().SaveTopicAsync(TestPeople.Admin, new TopicDraft($"dates:{prefix}", null,
            "{{ identity.fullName }}: valid till {{ after.attributes.validTill }}{{ after.eav.contractEnd }}", "<p>ends</p>", "ends"), Ct);
        return await scope.ServiceProvider.GetRequiredService<NotificationConfigurationsService>().SaveConfigurationAsync(TestPeople.Admin, null, new NotificationConfigurationDraft
        {
            EntityType = "IdmIdentity",
            EventType = "UPDATE",
            Rule = "!",
            Topic = $"dates:{prefix}",
            SendToIdentity = true,
            RecipientsScript = recipientsScript,
            WatchDate = watch,
        }, Ct);
    }

    private static async Task SaveWatchAsync(WebApplicationFactory<Program> portal, int id, string prefix, DateWatch watch)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<NotificationConfigurationsService>().SaveConfigurationAsync(TestPeople.Admin, id, new NotificationConfigurationDraft
        {
            EntityType = "IdmIdentity",
            EventType = "UPDATE",
            Rule = "!",
            Topic = $"dates:{prefix}",
            SendToIdentity = true,
            WatchDate = watch,
        }, Ct);
    }

    private static Task PostAsync(WebApplicationFactory<Program> portal, string id, string username, DateOnly? before, DateOnly? after) =>
        portal.PostIdentityUpdateAsync(id, username, State(before), State(after), Ct);

    private static Dictionary<string, string> State(DateOnly? validTill) =>
        validTill is { } date ? new() { ["state"] = "VALID", ["validTill"] = DateValues.Write(date) } : new() { ["state"] = "VALID" };

    private static async Task<PlannedNotification> WaitForRowAsync(
        WebApplicationFactory<Program> portal, int configurationId, string username, PlannedNotificationStatus status, DateOnly? date = null) =>
        (await Eventually.MatchesAsync($"a {status} date for {username}", async () =>
        {
            await using var db = await Db(portal).CreateDbContextAsync(Ct);
            return await db.PlannedNotifications.AsNoTracking()
                .Where(p => p.ConfigurationId == configurationId && p.IdentityKey == username && p.Status == status && (date == null || p.DateValue == date))
                .ToListAsync(Ct);
        }, rows => rows.Count == 1))[0];

    private static async Task<JsonElement> WaitForMailAsync(MailDev smtp, string recipient) =>
        (await Eventually.MatchesAsync($"a mail for {recipient} at maildev",
            async () => (await smtp.MessagesAsync()).Where(m => m.GetProperty("to")[0].GetProperty("address").GetString() == recipient).ToList(),
            mails => mails.Count >= 1))[0];
}
