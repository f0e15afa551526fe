using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Switchboard.Domain.ApiKeys;
using Switchboard.Domain.Notifications;
using Switchboard.Domain.People;
using Switchboard.Infrastructure.ApiKeys;
using Switchboard.Infrastructure.Notifications;
using Switchboard.Infrastructure.People;

namespace Switchboard.IntegrationTests.Notifications;

/// <summary>Event in, e-mail out: ingest → evaluation → outbox → delivery (the pickup folder of the embedded default).</summary>
public abstract class NotificationDeliveryTests(PortalFactory portal)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StateChange_ToTheManager_IsRenderedQueuedAndDelivered()
    {
        await SeedAsync("dl");
        await ConfigureAsync("dl", "state:VALID->LEFT", sendToManager: true);

        await PostAsync(Event("dl-1", "dl.worker", "VALID", "LEFT"));

        var message = await WaitForMessageAsync("dl-1", m => m.Status == MessageStatus.Sent);
        Assert.Equal("dl.boss@example.test", message.RecipientEmail);
        var file = Path.Combine(portal.DataFolder, "mail-pickup", $"{message.MessageId.Trim('<', '>')}.eml");
        var mail = await MimeMessage.LoadAsync(file, Ct);
        Assert.Equal("[WARNING] Dora Worker left (VALID → LEFT)", mail.Subject);
        Assert.Equal("dl.boss@example.test", mail.To.Mailboxes.Single().Address);
        Assert.Equal("WARNING", mail.Headers["X-Switchboard-Level"]);
        Assert.Contains("Hello Bob Boss", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("<b>Dora Worker</b> changed: state.", mail.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChangeTheRuleDoesNotDescribe_QueuesNothing()
    {
        await SeedAsync("nm");
        await ConfigureAsync("nm", "state:VALID->DISABLED", sendToManager: true);

        await PostAsync(Event("nm-1", "nm.worker", "VALID", "LEFT"));

        await WaitForEvaluationAsync("nm-1");
        await using var db = await portal.DbAsync();
        var eventId = (await db.EntityEvents.SingleAsync(e => e.EventId == "nm-1", Ct)).Id;
        Assert.False(await db.OutboxMessages.AnyAsync(m => m.EventId == eventId, Ct));
    }

    [Fact]
    public async Task RecipientWithoutEmail_IsSkippedWithTheReasonOnTheEvent()
    {
        await SeedAsync("ne", bossEmail: null);
        await ConfigureAsync("ne", "state:CHANGED", sendToManager: true);

        await PostAsync(Event("ne-1", "ne.worker", "VALID", "LEFT"));

        var evaluated = await WaitForEvaluationAsync("ne-1");
        Assert.Contains("manager ne.boss: no e-mail address", evaluated, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnreachableMailServer_LeavesTheMessageFailedWithTheError_AndRetryable()
    {
        var closedPort = LoopbackPort.Free();
        await using var offline = portal.WithWebHostBuilder(b => b
            .UseSetting("Smtp:Host", "127.0.0.1")
            .UseSetting("Smtp:Port", closedPort.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .UseSetting("Smtp:Security", "None"));
        await SeedAsync("un", services: offline.Services);
        await ConfigureAsync("un", "!", sendToManager: true, services: offline.Services);
        var client = offline.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", await CreateKeyAsync(offline.Services));

        await client.PostAsJsonAsync("/api/events", Event("un-1", "un.worker", "VALID", "LEFT"), Ct);

        var message = await WaitForMessageAsync("un-1", m => m.Status == MessageStatus.Failed);
        Assert.Equal(1, message.Attempts);
        Assert.Contains("unreachable", message.LastError, StringComparison.Ordinal);
        Assert.True(message.NextAttemptAt > DateTime.UtcNow);
    }

    [Fact]
    public async Task FailingScript_IsRecordedForItsConfiguration_AndOthersStillSend()
    {
        await SeedAsync("sc");
        var looping = await ConfigureAsync("sc", "", sendToManager: true, adjust: d => d with { RuleScript = "while (true) { }" });
        var scripted = await ConfigureAsync("sc", "", sendToManager: false, adjust: d => d with
        {
            RuleScript = "event.after.attributes.state === 'LEFT'",
            RecipientsScript = "[directory.get(event.identity).manager, 'hr@example.test']",
        });

        await PostAsync(Event("sc-1", "sc.worker", "VALID", "LEFT"));

        var note = await WaitForEvaluationAsync("sc-1");
        Assert.Contains($"configuration {looping} failed: rule script: the script ran more than", note, StringComparison.Ordinal);
        Assert.Contains($"configuration {scripted} fired: 2 recipients", note, StringComparison.Ordinal);
        await using var db = await portal.DbAsync();
        var failed = await db.NotificationConfigurations.SingleAsync(c => c.Id == looping, Ct);
        Assert.Equal(1, failed.FailureCount);
        Assert.Contains("sc-1", failed.LastFailure, StringComparison.Ordinal);
        var eventId = (await db.EntityEvents.SingleAsync(e => e.EventId == "sc-1", Ct)).Id;
        Assert.Equal(["hr@example.test", "sc.boss@example.test"],
            await db.OutboxMessages.Where(m => m.EventId == eventId).OrderBy(m => m.RecipientEmail).Select(m => m.RecipientEmail).ToListAsync(Ct));
    }

    private async Task SeedAsync(string prefix, string? bossEmail = "", IServiceProvider? services = null)
    {
        var writer = (services ?? portal.Services).GetRequiredService<DirectoryWriter>();
        var result = await writer.UpsertAsync(
        [
            new PersonDraft { Username = $"{prefix}.boss", FirstName = "Bob", LastName = "Boss", Email = bossEmail == "" ? $"{prefix}.boss@example.test" : bossEmail },
            new PersonDraft { Username = $"{prefix}.worker", FirstName = "Dora", LastName = "Worker", Email = $"{prefix}.worker@example.test", Manager = $"{prefix}.boss", State = "VALID", FormProjection = prefix },
        ], Ct);
        Assert.True(result.Succeeded);
    }

    private async Task<int> ConfigureAsync(
        string prefix, string rule, bool sendToManager, IServiceProvider? services = null, Func<NotificationConfigurationDraft, NotificationConfigurationDraft>? adjust = null)
    {
        await using var scope = (services ?? portal.Services).CreateAsyncScope();
        var topics = scope.ServiceProvider.GetRequiredService<NotificationTopicsService>();
        var configurations = scope.ServiceProvider.GetRequiredService<NotificationConfigurationsService>();
        await topics.SaveTopicAsync(TestPeople.Admin, new TopicDraft($"{prefix}:state-changed", null,
            "{{ identity.fullName }} left ({{ before.attributes.state }} → {{ after.attributes.state }})",
            "<p>Hello {{ recipient.name }}, <b>{{ identity.fullName }}</b> changed: {{ changed | join: ', ' }}.</p>",
            "Hello {{ recipient.name }}, {{ identity.fullName }} is now {{ after.attributes.state }}."), Ct);
        var draft = new NotificationConfigurationDraft
        {
            // Each test's configuration applies only to its own user type, so tests sharing the portal do not fire each other's.
            EntityType = "IdmIdentity",
            EventType = "UPDATE",
            FormProjection = prefix,
            Rule = rule,
            Topic = $"{prefix}:state-changed",
            Level = NotificationLevel.Warning,
            SendToManager = sendToManager,
        };
        return await configurations.SaveConfigurationAsync(TestPeople.Admin, null, adjust is null ? draft : adjust(draft), Ct);
    }

    private static object Event(string id, string username, string from, string to) => new
    {
        id,
        entityType = "IdmIdentity",
        eventType = "UPDATE",
        entityId = $"guid-{username}",
        identity = username,
        before = new { attributes = new { state = from } },
        after = new { attributes = new { state = to } },
    };

    private async Task PostAsync(object entityEvent)
    {
        var client = portal.ClientWithKey(await portal.CreateApiKeyAsync(ApiKeyScopes.EventsWrite));
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync("/api/events", entityEvent, Ct)).StatusCode);
    }

    private static async Task<string> CreateKeyAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<Switchboard.Infrastructure.ApiKeys.ApiKeyService>().CreateAsync(
            TestPeople.Admin, new() { Name = $"offline {Guid.NewGuid():N}", Scopes = [ApiKeyScopes.EventsWrite] }, Ct);
        return created.Secret;
    }

    private async Task<string> WaitForEvaluationAsync(string eventId) =>
        (await Eventually.FoundAsync($"event {eventId} evaluated", () => portal.QueryAsync(async db =>
            await db.EntityEvents.AsNoTracking().SingleOrDefaultAsync(e => e.EventId == eventId, Ct) is { Evaluated: true } stored ? stored : null)))
        .EvaluationNote ?? "";

    private Task<OutboxMessage> WaitForMessageAsync(string eventId, Func<OutboxMessage, bool> done) =>
        Eventually.FoundAsync($"the message for event {eventId} in the expected state", () => portal.QueryAsync(async db =>
            await db.OutboxMessages.AsNoTracking()
                .Where(m => db.EntityEvents.Any(e => e.Id == m.EventId && e.EventId == eventId))
                .SingleOrDefaultAsync(Ct) is { } message && done(message) ? message : null));
}

public sealed class NotificationDeliveryTestsOnSqlite(PortalFactory portal) : NotificationDeliveryTests(portal), IClassFixture<PortalFactory>;

public sealed class NotificationDeliveryTestsOnPostgres(PostgresPortalFactory portal) : NotificationDeliveryTests(portal), IClassFixture<PostgresPortalFactory>;
