using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.Domain.ApiKeys;
using Switchboard.Domain.Audit;
using Switchboard.Domain.Events;
using Switchboard.Domain.Mattermost;
using Switchboard.Domain.Notifications;
using Switchboard.Domain.Notifications.Templates;
using Switchboard.Domain.Retries;
using Switchboard.Infrastructure.ChatOps;
using Switchboard.Infrastructure.Jobs;
using Switchboard.Infrastructure.People;
using Switchboard.Infrastructure.Persistence;
using Switchboard.Infrastructure.Provisioning;

namespace Switchboard.Infrastructure.DemoData;

/// <summary>
/// Fills an empty database with a believable week of activity when <c>DemoData:Enabled</c> is on. Registered right after
/// <see cref="DatabaseMigrator"/>, so it starts once the database is up to date and before anything else reads it.
/// </summary>
internal sealed partial class DemoDataSeeder(
    IDbContextFactory<SwitchboardDbContext> contextFactory,
    DirectoryWriter directory,
    ProvisioningCapture provisioning,
    BridgeSecrets bridgeSecrets,
    IOptions<DemoDataOptions> options,
    IOptions<DatabaseOptions> database,
    JobRegistry registry,
    TimeProvider time,
    ILogger<DemoDataSeeder> logger)
    : StartupJob(new JobDescriptor(Name, "Fills an empty database with a week of demo activity when DemoData:Enabled is on.", TimeSpan.Zero), registry, time)
{
    public const string Name = "demo-data";

    private static readonly string[] People = ["ada.admin", "otto.operator", "vera.viewer"];

    protected override async Task<JobRunResult> RunOnceAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            return JobRunResult.Skipped($"{DemoDataOptions.SectionName}:Enabled is off");
        }

        // Without the migrations applied there may be no tables to fill.
        if (!database.Value.MigrateOnStartup)
        {
            return JobRunResult.Skipped($"{DatabaseOptions.SectionName}:MigrateOnStartup is off, so the tables may not exist");
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (await db.AuditEntries.AnyAsync(cancellationToken) || await db.ApiKeys.AnyAsync(cancellationToken))
        {
            return JobRunResult.Skipped("the database already holds data");
        }

        var now = Time.GetUtcNow().UtcDateTime;
        var exporter = ApiKey.Create(
            "Nightly config export", [ApiKeyScopes.ConfigRead], now.AddDays(90), ApiKeySecret.Generate(), "ada.admin", now.AddDays(-6));
        exporter.MarkUsed(now.AddHours(-3));
        db.ApiKeys.Add(exporter);

        for (var day = 6; day >= 0; day--)
        {
            foreach (var person in People)
            {
                var record = new AuditRecord(Actor.User(person), AuditActions.SignIn, "session", person);
                db.AuditEntries.Add(AuditEntry.From(record, now.AddDays(-day).AddHours(-8 + Array.IndexOf(People, person))));
            }
        }

        db.AuditEntries.Add(AuditEntry.From(
            new AuditRecord(Actor.User("ada.admin"), AuditActions.ApiKeyCreated, "api-key", exporter.Id.ToString(),
                Details: AuditDiff.Between(null, new { exporter.Name, exporter.Scopes, exporter.ExpiresAt })),
            now.AddDays(-6)));
        await db.SaveChangesAsync(cancellationToken);
        var people = await directory.UpsertAsync(DemoPeople.All(), cancellationToken);
        if (!people.Succeeded)
        {
            throw new InvalidOperationException($"Demo people are not valid: {people.Errors[0]}");
        }

        await SeedNotificationsAsync(now, cancellationToken);
        await SeedTokenRunAsync(now, cancellationToken);
        await provisioning.StoreAsync(DemoEnvelopes.Messages(now), cancellationToken);
        await SeedBridgeAsync(now, cancellationToken);
        LogSeeded(logger);
        return JobRunResult.Succeeded("seeded demo data into the empty database");
    }

    /// <summary>
    /// The notification module's own examples: a state change told to the manager, a description written to a system
    /// told to a role, a script-decided rule; events they fire on, and a delivered and a dead message in the log.
    /// </summary>
    private async Task SeedNotificationsAsync(DateTime now, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var stateChanged = Topic.Create("identity:state-changed", "A person's state changed; tells their manager.", new EmailTemplate(
            "{{ identity.fullName }}: {{ before.attributes.state }} → {{ after.attributes.state }}",
            "<p>Hello {{ recipient.name }},</p><p><b>{{ identity.fullName }}</b> ({{ identity.username }}) changed state from {{ before.attributes.state }} to {{ after.attributes.state }}.</p>",
            "Hello {{ recipient.name }},\n\n{{ identity.fullName }} ({{ identity.username }}) changed state from {{ before.attributes.state }} to {{ after.attributes.state }}."),
            "**{{ identity.fullName }}** (`{{ identity.username }}`) changed state: {{ before.attributes.state }} → **{{ after.attributes.state }}**");
        var descriptionWritten = Topic.Create("provisioning:description-written", "A person's description was written to a system; tells the IT admins.", new EmailTemplate(
            "Description of {{ identity.username }} written to {{ system }}",
            "<p>The description of <b>{{ identity.fullName }}</b> on {{ system }} is now “{{ after.attributes.description }}” (was “{{ before.attributes.description }}”).</p>",
            "The description of {{ identity.fullName }} on {{ system }} is now \"{{ after.attributes.description }}\" (was \"{{ before.attributes.description }}\")."));
        db.Topics.AddRange(stateChanged, descriptionWritten);
        db.NotificationConfigurations.AddRange(
            Configuration(EventTypes.Update, "state:VALID->LEFT", stateChanged, NotificationLevel.Warning, "Tell the manager when someone leaves", d => d with { SendToManager = true }),
            Configuration(EventTypes.Update, "state:VALID->DISABLED", stateChanged, NotificationLevel.Warning,
                "Tell the manager when someone is excluded from the head count", d => d with { SendToManager = true }),
            Configuration(EventTypes.Update, "", stateChanged, NotificationLevel.Info, "A new supervisor hears it themselves (rule by script)", d => d with
            {
                RuleScript = "event.before.eav.supervisor !== 'true' && event.after.eav.supervisor === 'true'",
                SendToIdentity = true,
            }),
            Configuration(EventTypes.Update, "description:CHANGED", descriptionWritten, NotificationLevel.Info, "Tell the IT admins when a description reaches AD", d => d with
            {
                EntityType = EntityTypes.SysProvisioningOperation,
                System = "AD-main",
                RecipientRoles = ["it-admins"],
            }));
        var events = new[]
        {
            EntityEvent.Receive("demo-evt-1", EntityTypes.IdmIdentity, EventTypes.Update, "demo-guid-tomas", "tomas.dvorak", null, now.AddMinutes(-5),
                """{"attributes":{"state":"VALID"}}""", """{"attributes":{"state":"LEFT"}}""", "demo data", now.AddMinutes(-5)),
            EntityEvent.Receive("demo-evt-2", EntityTypes.SysProvisioningOperation, EventTypes.Update, "demo-op-1", "lucie.cerna", "AD-main", now.AddMinutes(-4),
                """{"attributes":{"description":"Nurse"}}""", """{"attributes":{"description":"Head nurse"}}""", "demo data", now.AddMinutes(-4)),
        };
        db.EntityEvents.AddRange(events);
        await db.SaveChangesAsync(cancellationToken);

        // History for the delivery log: one message that went out yesterday, one that gave up after its attempts.
        var delivered = OutboxMessage.Queue(events[0].Id, 1, stateChanged.Code, NotificationLevel.Warning, "richard.maly@hospital.example", "richard.maly",
            "Eva Kučerová: VALID → LEFT", "<p>Eva Kučerová changed state from VALID to LEFT.</p>", "Eva Kučerová changed state from VALID to LEFT.", now.AddDays(-1));
        delivered.MarkSent("250 2.0.0 Ok: queued", now.AddDays(-1));
        var dead = OutboxMessage.Queue(events[0].Id, 1, stateChanged.Code, NotificationLevel.Warning, "old.manager@hospital.example", "old.manager",
            "Jakub Veselý: VALID → LEFT", "<p>Jakub Veselý changed state from VALID to LEFT.</p>", "Jakub Veselý changed state from VALID to LEFT.", now.AddHours(-6));
        for (var attempt = 0; attempt < 3; attempt++)
        {
            dead.MarkFailed("550 5.1.1 <old.manager@hospital.example>: Recipient address rejected: User unknown", now.AddHours(-6 + attempt), new RetrySchedule(3, TimeSpan.FromMinutes(1)));
        }

        db.OutboxMessages.AddRange(delivered, dead);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Yesterday's run of the Mattermost token job, so its history is not empty; with the integration off, the page
    /// explains how to connect a server or the simulator.
    /// </summary>
    private async Task SeedBridgeAsync(DateTime now, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var bridge = DemoBridge.Create(bridgeSecrets, now);
        db.Bridges.Add(bridge);
        await db.SaveChangesAsync(cancellationToken);
        db.BridgeCalls.AddRange(DemoBridge.Calls(bridge.Id, now));
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task SeedTokenRunAsync(DateTime now, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var people = await db.People.AsNoTracking().Where(p => p.MattermostSyncEnabled).OrderBy(p => p.Id).Select(p => new { p.Id, p.Username }).ToListAsync(cancellationToken);
        var run = TokenRun.Start("schedule", now.AddDays(-1));
        db.TokenRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        for (var i = 0; i < people.Count; i++)
        {
            var (kind, detail) = (i % 4) switch
            {
                3 => (TokenOutcomeKind.NotFound, "no Mattermost user with this username or e-mail"),
                2 when i == 2 => (TokenOutcomeKind.Failed, "500 app.user_access_token.save.app_error: Unable to save the user access token."),
                _ => (TokenOutcomeKind.Generated, (string?)null),
            };
            db.TokenOutcomes.Add(TokenOutcome.Of(run.Id, people[i].Id, people[i].Username, kind, detail, now.AddDays(-1).AddSeconds(i)));
            run.Count(kind);
        }

        run.Finish(TokenRunStatus.Succeeded, null, now.AddDays(-1).AddSeconds(people.Count + 2));
        await db.SaveChangesAsync(cancellationToken);
    }

    private static NotificationConfiguration Configuration(
        string eventType, string rule, Topic topic, NotificationLevel level, string description, Func<NotificationConfigurationDraft, NotificationConfigurationDraft> recipients) =>
        NotificationConfiguration.Create(recipients(new NotificationConfigurationDraft
        {
            EntityType = EntityTypes.IdmIdentity,
            EventType = eventType,
            Rule = rule,
            Topic = topic.Code,
            Level = level,
            Description = description,
        }), topic);

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded demo data into the empty database")]
    private static partial void LogSeeded(ILogger logger);
}
