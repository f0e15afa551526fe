using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Domain.Audit;
using Switchboard.Domain.ChatOps;
using Switchboard.Domain.Events;
using Switchboard.Domain.Mattermost;
using Switchboard.Domain.Notifications;
using Switchboard.Domain.People;
using Switchboard.Infrastructure.DemoData;
using Switchboard.Infrastructure.People;
using Switchboard.Infrastructure.Persistence;
using Switchboard.Infrastructure.Provisioning;

namespace Switchboard.IntegrationTests.People;

/// <summary>A person's timeline read from a real database: every module's lines about them, none about others, paged without gaps or repeats.</summary>
public abstract class PersonTimelineTests(PortalFactory portal)
{
    private static readonly DateTime T0 = new(2026, 11, 30, 8, 0, 0, DateTimeKind.Utc);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<PersonTimelinePage> PageAsync(string username, TimelineModule? module = null, PersonTimelineCursor? after = null, int pageSize = 50)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PersonTimelineService>().PageAsync(username, module, after, pageSize, Ct);
    }

    private static async Task<Person> AddPersonAsync(SwitchboardDbContext db, string username, string? email = null, IReadOnlyDictionary<string, string>? attributes = null)
    {
        var person = Person.Create(username);
        person.Apply(new PersonDraft { Username = username, Email = email, Attributes = attributes ?? new Dictionary<string, string>() }, null, [], T0);
        db.People.Add(person);
        await db.SaveChangesAsync(Ct);
        return person;
    }

    [Fact]
    public async Task Timeline_HoldsEveryModulesLinesAboutThePerson_NewestFirst_AndNoneAboutOthers()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var (alice, bob) = ($"alice.{suffix}", $"bob.{suffix}");
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ProvisioningCapture>().StoreAsync(DemoEnvelopes.Messages(T0), Ct);
        }

        await using var db = await portal.DbAsync();
        var byEmail = await db.ProvisioningEnvelopes.AsNoTracking().Where(e => e.Email != null).OrderBy(e => e.Id).FirstAsync(Ct);
        var byUuid = await db.ProvisioningEnvelopes.AsNoTracking().Where(e => e.GramAccountUuid != null && e.Email != byEmail.Email).OrderBy(e => e.Id).FirstAsync(Ct);
        var person = await AddPersonAsync(db, alice, byEmail.Email, new Dictionary<string, string> { [AccountAttributes.GramAccountUuid] = byUuid.GramAccountUuid! });
        person.StoreMattermostToken("protected", "token-id", $"mm-{suffix}", null, T0);
        await AddPersonAsync(db, bob, $"{bob}@example.test");

        var aboutAlice = EntityEvent.Receive($"ev-a-{suffix}", EntityTypes.SysProvisioningOperation, EventTypes.Update, alice, alice, null, null, null, "{}", "test", T0.AddMinutes(1));
        var aboutBob = EntityEvent.Receive($"ev-b-{suffix}", EntityTypes.SysProvisioningOperation, EventTypes.Update, bob, bob, null, null, null, "{}", "test", T0.AddMinutes(1));
        db.EntityEvents.AddRange(aboutAlice, aboutBob);
        await db.SaveChangesAsync(Ct);
        db.OutboxMessages.AddRange(
            OutboxMessage.Queue(aboutAlice.Id, 1, "t", NotificationLevel.Info, $"manager.{suffix}@example.test", null, "Alice changed", "h", "t", T0.AddMinutes(2)),
            OutboxMessage.Queue(aboutBob.Id, 1, "t", NotificationLevel.Info, byEmail.Email!, null, "To Alice's address about Bob", "h", "t", T0.AddMinutes(3)),
            OutboxMessage.Queue(aboutBob.Id, 1, "t", NotificationLevel.Info, $"manager.{suffix}@example.test", null, "Bob changed", "h", "t", T0.AddMinutes(3)));
        var bridge = Bridge.Create(new BridgeSettings($"timeline-{suffix}", ["help"], "https://glpi.example.test/apirest.php", 1, TicketType.Incident, null, null, null, null, true),
            new BridgeSecretsProtected(null, null, null), T0);
        db.Bridges.Add(bridge);
        await db.SaveChangesAsync(Ct);
        var byName = BridgeCall.Receive(bridge.Id, Post($"p1-{suffix}", alice, null), "help", "my screen is dark", T0.AddMinutes(4));
        byName.MarkCreated(4711, 10, T0.AddMinutes(4));
        db.BridgeCalls.AddRange(byName,
            BridgeCall.Receive(bridge.Id, Post($"p2-{suffix}", "alice-in-chat", $"mm-{suffix}"), "help", "printer jam", T0.AddMinutes(5)),
            BridgeCall.Receive(bridge.Id, Post($"p3-{suffix}", bob, null), "help", "not alice", T0.AddMinutes(5)));
        var run = TokenRun.Start("schedule", T0.AddMinutes(6));
        db.TokenRuns.Add(run);
        await db.SaveChangesAsync(Ct);
        db.TokenOutcomes.Add(TokenOutcome.Of(run.Id, person.Id, alice, TokenOutcomeKind.Generated, null, T0.AddMinutes(6)));
        db.AuditEntries.AddRange(
            AuditEntry.From(new AuditRecord(Actor.User("ada.admin"), AuditActions.PersonUpdated, PeopleService.ObjectType, alice), T0.AddMinutes(7)),
            AuditEntry.From(new AuditRecord(Actor.User("ada.admin"), AuditActions.PersonUpdated, PeopleService.ObjectType, bob), T0.AddMinutes(7)));
        await db.SaveChangesAsync(Ct);

        var page = await PageAsync(alice.ToUpperInvariant());

        var lines = page.Entries;
        Assert.Null(page.Next);
        Assert.Equal(lines.OrderByDescending(e => e.At).ThenByDescending(e => e.Module).ThenByDescending(e => e.Id), lines);
        Assert.Equal(Enum.GetValues<TimelineModule>().Order(), lines.Select(e => e.Module).Distinct().Order());
        Assert.Contains(lines, e => e.Module == TimelineModule.Identity && e.Id == aboutAlice.Id);
        Assert.Contains(lines, e => e.Module == TimelineModule.Notifications && e.Title == "E-mail about them to " + $"manager.{suffix}@example.test: Alice changed");
        Assert.Contains(lines, e => e.Module == TimelineModule.Notifications && e.Title == "E-mail to them: To Alice's address about Bob");
        Assert.Contains(lines, e => e.Module == TimelineModule.Provisioning && e.Id == byEmail.Id);
        Assert.Contains(lines, e => e.Module == TimelineModule.Provisioning && e.Id == byUuid.Id);
        Assert.Contains(lines, e => e.Module == TimelineModule.ChatOps && e.Id == byName.Id && e.ExternalUrl == "https://glpi.example.test/front/ticket.form.php?id=4711");
        Assert.Contains(lines, e => e.Module == TimelineModule.ChatOps && e.Title.EndsWith("printer jam", StringComparison.Ordinal) && e.Key == "alice-in-chat");
        Assert.Contains(lines, e => e.Module == TimelineModule.Tokens && e.Key == run.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains(lines, e => e.Module == TimelineModule.Audit && e.Title == $"{AuditActions.PersonUpdated} by ada.admin");
        Assert.DoesNotContain(lines, e => e.Module == TimelineModule.Identity && e.Id == aboutBob.Id);
        Assert.DoesNotContain(lines, e => e.Title.Contains("Bob changed", StringComparison.Ordinal) || e.Title.Contains("not alice", StringComparison.Ordinal));
        Assert.Single(lines, e => e.Module == TimelineModule.Audit);
    }

    [Fact]
    public async Task ModuleFilter_KeepsOnlyThatModulesLines()
    {
        var username = $"filter.{Guid.NewGuid():N}"[..20];
        await using var db = await portal.DbAsync();
        await AddPersonAsync(db, username);
        db.EntityEvents.Add(EntityEvent.Receive($"ev-{username}", EntityTypes.SysProvisioningOperation, EventTypes.Create, username, username, null, null, null, "{}", "test", T0));
        db.AuditEntries.Add(AuditEntry.From(new AuditRecord(Actor.User("ada.admin"), AuditActions.PersonCreated, PeopleService.ObjectType, username), T0));
        await db.SaveChangesAsync(Ct);

        var audit = await PageAsync(username, TimelineModule.Audit);
        var chatOps = await PageAsync(username, TimelineModule.ChatOps);

        Assert.Equal([TimelineModule.Audit], audit.Entries.Select(e => e.Module));
        Assert.Empty(chatOps.Entries);
        Assert.Equal(2, (await PageAsync(username)).Entries.Count);
    }

    [Fact]
    public async Task Paging_WalksEveryLineOnceInOrder_WhenManyLinesShareATime()
    {
        var username = $"pages.{Guid.NewGuid():N}"[..20];
        await using var db = await portal.DbAsync();
        await AddPersonAsync(db, username);
        for (var i = 0; i < 12; i++)
        {
            var at = T0.AddMinutes(i / 4); // four lines of each module at each time
            db.EntityEvents.Add(EntityEvent.Receive($"ev-{username}-{i}", EntityTypes.SysProvisioningOperation, EventTypes.Update, username, username, null, null, null, "{}", "test", at));
            db.AuditEntries.Add(AuditEntry.From(new AuditRecord(Actor.User("ada.admin"), AuditActions.PersonUpdated, PeopleService.ObjectType, username), at));
        }

        await db.SaveChangesAsync(Ct);
        var all = (await PageAsync(username, pageSize: 100)).Entries;

        var walked = new List<PersonTimelineEntry>();
        PersonTimelineCursor? cursor = null;
        var pages = 0;
        do
        {
            var page = await PageAsync(username, after: cursor, pageSize: 5);
            walked.AddRange(page.Entries);
            cursor = page.Next;
            pages++;
        }
        while (cursor is not null && pages < 10);

        Assert.Equal(24, all.Count);
        Assert.Equal(5, pages);
        // Lines compared by what they are, not their text: evaluation may note an event's outcome meanwhile.
        Assert.Equal(all.Select(e => e.Cursor), walked.Select(e => e.Cursor));
    }

    [Fact]
    public async Task UnknownPerson_HasAnEmptyTimeline()
    {
        var page = await PageAsync($"nobody.{Guid.NewGuid():N}");

        Assert.Empty(page.Entries);
        Assert.Null(page.Next);
    }

    private static WebhookPost Post(string postId, string userName, string? userId) =>
        new(null, postId, userName, userId, "helpdesk", null, null, null, null, "help");
}

public sealed class PersonTimelineTestsOnSqlite(PortalFactory portal) : PersonTimelineTests(portal), IClassFixture<PortalFactory>;

public sealed class PersonTimelineTestsOnPostgres(PostgresPortalFactory portal) : PersonTimelineTests(portal), IClassFixture<PostgresPortalFactory>;
