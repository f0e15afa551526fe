using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Domain.Events;
using Switchboard.Domain.Notifications;
using Switchboard.Domain.People;
using Switchboard.Infrastructure.Events;
using Switchboard.Infrastructure.Jobs;
using Switchboard.Infrastructure.Notifications;
using Switchboard.Infrastructure.People;

namespace Switchboard.IntegrationTests.People;

/// <summary>
/// Identity events applied to the directory in batches: each event's outcome is the one applying the events one by one,
/// in arrival order, would have had, and evaluation sees the directory as of each event.
/// </summary>
public abstract class IdentityEventBatchTests(PortalFactory portal)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OneBatch_AppliesEachPersonsChangesInArrivalOrder()
    {
        await ApplyAsync(
            Identity("or-1", "CREATE", "or.boss", """{ "firstName": "Olga" }"""),
            Identity("or-2", "CREATE", "or.worker", """{ "firstName": "First", "state": "VALID", "manager": "or.boss" }""", """{ "ward": "1" }"""),
            Identity("or-3", "UPDATE", "or.worker", """{ "firstName": "Second" }""", """{ "ward": "2", "bed": "7" }"""),
            Identity("or-4", "UPDATE", "or.worker", """{ "state": "LEFT" }""", """{ "bed": null }"""),
            Identity("or-5", "CREATE", "or.leaver", """{ "firstName": "Lea" }"""),
            Identity("or-6", "DELETE", "or.leaver", "{}"),
            Identity("or-7", "CREATE", "or.back", """{ "firstName": "Ben" }"""),
            Identity("or-8", "DELETE", "or.back", "{}"),
            Identity("or-9", "UPDATE", "or.back", """{ "state": "VALID" }"""));

        var states = await StatesAsync("or-");
        Assert.All(states.Values, s => Assert.Equal(DirectorySyncState.Done, s.State));
        var worker = await LoadAsync("or.worker");
        Assert.Equal(("Second", "LEFT", "or.boss"), (worker.FirstName, worker.State, worker.Manager?.Username));
        Assert.Equal(("ward", "2"), (Assert.Single(worker.Attributes).Code, worker.Attributes[0].Value));
        var leaver = await LoadAsync("or.leaver");
        Assert.Equal((true, "Lea"), (leaver.Deleted, leaver.FirstName));
        var back = await LoadAsync("or.back");
        Assert.Equal((false, "Ben", "VALID"), (back.Deleted, back.FirstName, back.State));
    }

    [Fact]
    public async Task RefusedChangeInsideABatch_KeepsItsReason_AndTheOthersAreApplied()
    {
        await ApplyAsync(
            Identity("rf-1", "CREATE", "rf.one", """{ "firstName": "Keep" }"""),
            Identity("rf-2", "UPDATE", "rf.one", """{ "firstName": "Lost", "manager": "rf.nobody" }"""),
            Identity("rf-3", "UPDATE", "rf.one", """{ "state": "LEFT" }"""),
            Identity("rf-4", "CREATE", "rf.two", """{ "firstName": "Two", "manager": "rf.one" }"""),
            Identity("rf-5", "UPDATE", "rf.one", """{ "manager": "rf.two" }"""),
            Identity("rf-6", "CREATE", "rf.three", """{ "email": "not an address" }"""),
            Identity("rf-7", "CREATE", "rf.four", """{ "firstName": "Four" }"""));

        var states = await StatesAsync("rf-");
        Assert.Equal(DirectorySyncState.Failed, states["rf-2"].State);
        Assert.Contains("rf.nobody", states["rf-2"].Error, StringComparison.Ordinal);
        Assert.Equal(DirectorySyncState.Failed, states["rf-5"].State);
        Assert.Contains("loop", states["rf-5"].Error, StringComparison.Ordinal);
        Assert.Equal(DirectorySyncState.Failed, states["rf-6"].State);
        Assert.Contains("not an e-mail address", states["rf-6"].Error, StringComparison.Ordinal);
        Assert.All(new[] { "rf-1", "rf-3", "rf-4", "rf-7" }, id => Assert.Equal(DirectorySyncState.Done, states[id].State));

        // The refused change left the person as they were: the change after it builds on "Keep", not on "Lost".
        var one = await LoadAsync("rf.one");
        Assert.Equal(("Keep", "LEFT", null), (one.FirstName, one.State, one.Manager?.Username));
        Assert.Equal("rf.one", (await LoadAsync("rf.two")).Manager?.Username);
        Assert.Equal("Four", (await LoadAsync("rf.four")).FirstName);
        await using var db = await portal.DbAsync();
        Assert.False(await db.People.AnyAsync(p => p.UsernameKey == "rf.three", Ct));
    }

    [Fact]
    public async Task TwoChangesOfOnePersonInOneBatch_EachIsEvaluatedAgainstTheDirectoryAsOfItself()
    {
        var writer = portal.Services.GetRequiredService<DirectoryWriter>();
        Assert.True((await writer.UpsertAsync([new PersonDraft { Username = "ao.person", Email = "ao.zero@example.test", FormProjection = "ao" }], Ct)).Succeeded);
        await ConfigureAsync("ao", "email:CHANGED");

        // Both events are stored in one commit and evaluated in one chunk, so their directory changes are one batch.
        await StoreAsync(
            Identity("ao-1", "UPDATE", "ao.person", """{ "email": "ao.one@example.test" }""", before: """{ "email": "ao.zero@example.test" }"""),
            Identity("ao-2", "UPDATE", "ao.person", """{ "email": "ao.two@example.test" }""", before: """{ "email": "ao.one@example.test" }"""));
        portal.Services.GetRequiredService<JobRegistry>().Find(NotificationEvaluationJob.Name)!.RequestRun();

        var recipients = await Eventually.MatchesAsync("a message for each of the two events", () => portal.QueryAsync(db =>
            (from m in db.OutboxMessages
             join e in db.EntityEvents on m.EventId equals e.Id
             where e.EventId.StartsWith("ao-")
             select new { e.EventId, m.RecipientEmail }).ToDictionaryAsync(r => r.EventId, r => r.RecipientEmail, Ct)), found => found.Count == 2);
        Assert.Equal("ao.one@example.test", recipients["ao-1"]);
        Assert.Equal("ao.two@example.test", recipients["ao-2"]);
        Assert.Equal("ao.two@example.test", (await LoadAsync("ao.person")).Email);
    }

    [Fact]
    public async Task StoredPeopleChangedByABatch_GetTheirNewRolesAttributesAndManager_AndTheOthersKeepTheirs()
    {
        var writer = portal.Services.GetRequiredService<DirectoryWriter>();
        Assert.True((await writer.UpsertAsync(
        [
            new PersonDraft { Username = "sp.boss" },
            new PersonDraft { Username = "sp.mover", FirstName = "Mo", Roles = ["sp-a", "sp-b"], Attributes = new Dictionary<string, string> { ["desk"] = "1" } },
            new PersonDraft { Username = "sp.stayer", FirstName = "Stan", Roles = ["sp-a"], Attributes = new Dictionary<string, string> { ["desk"] = "2" } },
            new PersonDraft { Username = "sp.leaver", FirstName = "Lee" },
        ], Ct)).Succeeded);

        await ApplyAsync(
            Identity("sp-1", "UPDATE", "sp.mover", """{ "roles": ["sp-b", "sp-c"], "manager": "sp.boss", "disabled": true }""", """{ "desk": "9", "floor": "3" }"""),
            Identity("sp-2", "UPDATE", "sp.stayer", """{ "state": "LEFT" }"""),
            Identity("sp-3", "DELETE", "sp.leaver", "{}"));

        Assert.All((await StatesAsync("sp-")).Values, s => Assert.Equal(DirectorySyncState.Done, s.State));
        await using var db = await portal.DbAsync();
        var people = await db.People.AsNoTracking().Include(p => p.Manager).Include(p => p.Roles).Include(p => p.Attributes)
            .Where(p => p.UsernameKey.StartsWith("sp.")).ToDictionaryAsync(p => p.Username, Ct);
        var mover = people["sp.mover"];
        Assert.Equal(("Mo", true, "sp.boss"), (mover.FirstName, mover.Disabled, mover.Manager?.Username));
        Assert.Equal(["sp-b", "sp-c"], mover.Roles.Select(r => r.Code).Order());
        Assert.Equal(["desk=9", "floor=3"], mover.Attributes.Select(a => $"{a.Code}={a.Value}").Order());
        var stayer = people["sp.stayer"];
        Assert.Equal(("Stan", "LEFT", false), (stayer.FirstName, stayer.State, stayer.Disabled));
        Assert.Equal(["sp-a"], stayer.Roles.Select(r => r.Code));
        Assert.Equal(["desk=2"], stayer.Attributes.Select(a => $"{a.Code}={a.Value}"));
        Assert.True(people["sp.leaver"].Deleted);
    }

    [Fact]
    public async Task EventRepeatingWhatTheDirectoryHolds_LeavesThePersonUntouched_WhileAChangeBesideItIsStored()
    {
        var writer = portal.Services.GetRequiredService<DirectoryWriter>();
        Assert.True((await writer.UpsertAsync(
        [
            new PersonDraft { Username = "rp.same", FirstName = "Sam", State = "VALID", Roles = ["rp-a"], Attributes = new Dictionary<string, string> { ["desk"] = "1" } },
            new PersonDraft { Username = "rp.other", FirstName = "Otto", State = "VALID" },
        ], Ct)).Succeeded);
        var before = await portal.QueryAsync(db => db.People.AsNoTracking().Where(p => p.UsernameKey.StartsWith("rp.")).ToDictionaryAsync(p => p.Username, p => p.UpdatedAt, Ct));

        await ApplyAsync(
            Identity("rp-1", "UPDATE", "rp.same", """{ "firstName": "Sam", "state": "VALID", "roles": ["rp-a"] }""", """{ "desk": "1" }"""),
            Identity("rp-2", "UPDATE", "rp.other", """{ "state": "LEFT" }"""));

        Assert.All((await StatesAsync("rp-")).Values, s => Assert.Equal(DirectorySyncState.Done, s.State));
        var after = await portal.QueryAsync(db => db.People.AsNoTracking().Where(p => p.UsernameKey.StartsWith("rp.")).ToDictionaryAsync(p => p.Username, Ct));
        Assert.Equal(before["rp.same"], after["rp.same"].UpdatedAt);
        Assert.Equal("LEFT", after["rp.other"].State);
        Assert.NotEqual(before["rp.other"], after["rp.other"].UpdatedAt);
    }

    [Fact]
    public async Task StoringPeopleChangedSinceTheyWereRead_StoresNothing()
    {
        var writer = portal.Services.GetRequiredService<DirectoryWriter>();
        Assert.True((await writer.UpsertAsync([new PersonDraft { Username = "st.one", FirstName = "One" }, new PersonDraft { Username = "st.two", FirstName = "Two" }], Ct)).Succeeded);
        var read = await portal.QueryAsync(db => db.People.AsNoTracking().Where(p => p.UsernameKey.StartsWith("st.")).ToDictionaryAsync(p => p.Username, Ct));
        Assert.True((await writer.UpsertAsync([new PersonDraft { Username = "st.two", FirstName = "Changed meanwhile" }], Ct)).Succeeded);

        var stored = await writer.UpdateReadAsync(
            [.. read.Values.Select(p => new StoredPersonChange(p.Id, p.UpdatedAt, PersonDraft.Of(p), false, PersonDraft.Of(p) with { FirstName = $"{p.FirstName} again" }))],
            ["st.one"], Ct);

        Assert.False(stored);
        var now = await portal.QueryAsync(db => db.People.AsNoTracking().Where(p => p.UsernameKey.StartsWith("st.")).ToDictionaryAsync(p => p.Username, Ct));
        Assert.Equal(("One", false), (now["st.one"].FirstName, now["st.one"].Deleted));
        Assert.Equal("Changed meanwhile", now["st.two"].FirstName);
    }

    private async Task ConfigureAsync(string prefix, string rule)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<NotificationTopicsService>().SaveTopicAsync(TestPeople.Admin,
            new TopicDraft($"{prefix}:changed", null, "{{ identity.fullName }} changed", "<p>{{ changed | join: ', ' }}</p>", "{{ changed | join: ', ' }}"), Ct);
        await scope.ServiceProvider.GetRequiredService<NotificationConfigurationsService>().SaveConfigurationAsync(TestPeople.Admin, null, new NotificationConfigurationDraft
        {
            EntityType = "IdmIdentity",
            EventType = "UPDATE",
            FormProjection = prefix,
            Rule = rule,
            Topic = $"{prefix}:changed",
            Level = NotificationLevel.Info,
            SendToIdentity = true,
        }, Ct);
    }

    /// <summary>Stores the events in one commit, applies what waits (a job may get there first: the outcome is the same), and waits until none of them is pending.</summary>
    private async Task ApplyAsync(params EntityEvent[] events)
    {
        await StoreAsync(events);
        await portal.Services.GetRequiredService<IdentityEventBatchSync>().ApplyPendingAsync(long.MaxValue, [], Ct);
        var prefix = events[0].EventId[..3];
        await Eventually.TrueAsync("every event applied or refused", async () =>
            (await StatesAsync(prefix)).Values.All(s => s.State != DirectorySyncState.Pending));
    }

    private async Task StoreAsync(params EntityEvent[] events) =>
        Assert.Equal(events.Length, await portal.Services.GetRequiredService<EventStore>().StoreNewAsync(events, Ct));

    private Task<Dictionary<string, (DirectorySyncState State, string? Error)>> StatesAsync(string prefix) => portal.QueryAsync(async db =>
        (await db.EntityEvents.AsNoTracking().Where(e => e.EventId.StartsWith(prefix)).ToListAsync(Ct))
        .ToDictionary(e => e.EventId, e => (e.DirectorySync, e.DirectorySyncError)));

    private static EntityEvent Identity(string id, string type, string username, string attributes, string? eav = null, string? before = null)
    {
        var now = DateTime.UtcNow;
        return EntityEvent.Receive(id, EntityTypes.IdmIdentity, type, $"guid-{username}", username, null, now,
            before is null ? null : $$"""{ "attributes": {{before}} }""",
            $$"""{ "attributes": {{attributes}}{{(eav is null ? "" : $", \"eav\": {eav}")}} }""", "test", now);
    }

    private async Task<Person> LoadAsync(string username)
    {
        await using var db = await portal.DbAsync();
        return await db.People.AsNoTracking().Include(p => p.Manager).Include(p => p.Attributes).SingleAsync(p => p.UsernameKey == username, Ct);
    }
}

public sealed class IdentityEventBatchTestsOnSqlite(PortalFactory portal) : IdentityEventBatchTests(portal), IClassFixture<PortalFactory>;

public sealed class IdentityEventBatchTestsOnPostgres(PostgresPortalFactory portal) : IdentityEventBatchTests(portal), IClassFixture<PostgresPortalFactory>;
