using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Domain.People;
using Switchboard.Infrastructure.People;
using Switchboard.Infrastructure.Persistence;

namespace Switchboard.IntegrationTests.People;

/// <summary>Identity events against the real SQLite database.</summary>
public abstract class IdentityEventSyncTests(PortalFactory portal)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IdentityEventSync Sync => portal.Services.GetRequiredService<IdentityEventSync>();

    [Fact]
    public async Task Create_UpsertsThePersonFromTheAfterAttributes()
    {
        await Sync.ApplyAsync(Change("CREATE", "ev.boss", """{ "firstName": "Eva" }"""), Ct);

        var result = await Sync.ApplyAsync(Change("CREATE", "ev.jnovak",
            """{ "firstName": "Jan", "lastName": "Novák", "email": "jan@example.test", "state": "VALID", "manager": "ev.boss", "roles": ["ev-doctors"], "formProjection": "employee", "mattermostSyncEnabled": true }""",
            """{ "clinicCode": "100" }"""), Ct);

        Assert.True(result!.Succeeded);
        var person = await LoadAsync("ev.jnovak");
        Assert.Equal(("Jan", "Novák", "VALID", "employee", "ev.boss"), (person.FirstName, person.LastName, person.State, person.FormProjection, person.Manager?.Username));
        Assert.True(person.MattermostSyncEnabled);
        Assert.Equal("ev-doctors", Assert.Single(person.Roles).Code);
        Assert.Equal("100", Assert.Single(person.Attributes).Value);
    }

    [Fact]
    public async Task Update_KeepsAttributesTheEventDoesNotCarry_AndRemovesEavSentAsNull()
    {
        await Sync.ApplyAsync(Change("CREATE", "ev.update", """{ "firstName": "Ola", "email": "ola@example.test" }""", """{ "a": "1", "b": "2" }"""), Ct);

        await Sync.ApplyAsync(Change("UPDATE", "ev.update", """{ "state": "LEFT" }""", """{ "a": null, "b": "3" }"""), Ct);

        var person = await LoadAsync("ev.update");
        Assert.Equal(("Ola", "ola@example.test", "LEFT"), (person.FirstName, person.Email, person.State));
        var attribute = Assert.Single(person.Attributes);
        Assert.Equal(("b", "3"), (attribute.Code, attribute.Value));
    }

    [Fact]
    public async Task Delete_MarksThePersonDeleted_AndKeepsTheRecord()
    {
        await Sync.ApplyAsync(Change("CREATE", "ev.leaver", """{ "firstName": "Lea" }"""), Ct);

        await Sync.ApplyAsync(Change("DELETE", "ev.leaver", "{}"), Ct);

        var person = await LoadAsync("ev.leaver");
        Assert.True(person.Deleted);
        Assert.NotNull(person.DeletedAt);
        Assert.Equal("Lea", person.FirstName);
    }

    [Fact]
    public async Task Create_WithUnknownManager_IsRefusedAndStoresNothing()
    {
        var result = await Sync.ApplyAsync(Change("CREATE", "ev.orphan", """{ "manager": "ev.nobody" }"""), Ct);

        Assert.False(result!.Succeeded);
        await using var db = await portal.DbAsync();
        Assert.False(await db.People.AnyAsync(p => p.UsernameKey == "ev.orphan", Ct));
    }

    [Fact]
    public async Task SwitchedOff_LeavesTheDirectoryAlone()
    {
        await using var off = portal.WithWebHostBuilder(b => b.UseSetting("People:SyncFromIdentityEvents", "false"));

        var result = await off.Services.GetRequiredService<IdentityEventSync>().ApplyAsync(Change("CREATE", "ev.ignored", "{}"), Ct);

        Assert.Null(result);
        await using var db = await off.Services.GetRequiredService<IDbContextFactory<SwitchboardDbContext>>().CreateDbContextAsync(Ct);
        Assert.False(await db.People.AnyAsync(p => p.UsernameKey == "ev.ignored", Ct));
    }

    private static IdentityChange Change(string type, string username, string attributes, string? eav = null) =>
        new(type, username, JsonNode.Parse(attributes)!.AsObject(), eav is null ? null : JsonNode.Parse(eav)!.AsObject());

    private async Task<Person> LoadAsync(string username)
    {
        await using var db = await portal.DbAsync();
        return await db.People.Include(p => p.Manager).Include(p => p.Roles).Include(p => p.Attributes)
            .SingleAsync(p => p.UsernameKey == username, Ct);
    }

}

public sealed class IdentityEventSyncTestsOnSqlite(PortalFactory portal) : IdentityEventSyncTests(portal), IClassFixture<PortalFactory>;

public sealed class IdentityEventSyncTestsOnPostgres(PostgresPortalFactory portal) : IdentityEventSyncTests(portal), IClassFixture<PostgresPortalFactory>;
