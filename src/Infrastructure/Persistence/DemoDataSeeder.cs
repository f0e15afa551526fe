using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.Domain.ApiKeys;
using Switchboard.Domain.Audit;
using Switchboard.Domain.Events;
using Switchboard.Domain.Notifications;
using Switchboard.Domain.Notifications.Templates;
using Switchboard.Infrastructure.People;

namespace Switchboard.Infrastructure.Persistence;

/// <summary>Fills an empty database with a believable week of activity when <c>DemoData:Enabled</c> is on.</summary>
internal sealed partial class DemoDataSeeder(
    IDbContextFactory<SwitchboardDbContext> contextFactory,
    DirectoryWriter directory,
    IOptions<DemoDataOptions> options,
    TimeProvider time,
    ILogger<DemoDataSeeder> logger)
{
    private static readonly string[] People = ["ada.admin", "otto.operator", "vera.viewer"];

    public async Task SeedIfEmptyAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (await db.AuditEntries.AnyAsync(cancellationToken) || await db.ApiKeys.AnyAsync(cancellationToken))
        {
            return;
        }

        var now = time.GetUtcNow().UtcDateTime;
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
        LogSeeded(logger);
    }

    /// <summary>A topic and a configuration from the notification module's own example, and an event they fire on.</summary>
    private async Task SeedNotificationsAsync(DateTime now, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var topic = Topic.Create("identity:state-changed", "A person's state changed; tells their manager.", new EmailTemplate(
            "{{ identity.fullName }}: {{ before.attributes.state }} → {{ after.attributes.state }}",
            "<p>Hello {{ recipient.name }},</p><p><b>{{ identity.fullName }}</b> ({{ identity.username }}) changed state from {{ before.attributes.state }} to {{ after.attributes.state }}.</p>",
            "Hello {{ recipient.name }},\n\n{{ identity.fullName }} ({{ identity.username }}) changed state from {{ before.attributes.state }} to {{ after.attributes.state }}."));
        db.Topics.Add(topic);
        db.NotificationConfigurations.Add(NotificationConfiguration.Create(new NotificationConfigurationDraft
        {
            EntityType = EntityTypes.IdmIdentity,
            EventType = EventTypes.Update,
            Rule = "state:VALID->LEFT",
            Topic = topic.Code,
            Level = NotificationLevel.Warning,
            SendToManager = true,
            Description = "Tell the manager when someone leaves",
        }, topic));
        db.EntityEvents.Add(EntityEvent.Receive("demo-evt-1", EntityTypes.IdmIdentity, EventTypes.Update, "demo-guid-tomas", "tomas.dvorak", null, now.AddMinutes(-5),
            """{"attributes":{"state":"VALID"}}""", """{"attributes":{"state":"LEFT"}}""", "demo data", now.AddMinutes(-5)));
        await db.SaveChangesAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded demo data into the empty database")]
    private static partial void LogSeeded(ILogger logger);
}
