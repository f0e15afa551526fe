using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Domain.Access;
using Switchboard.Domain.ApiKeys;
using Switchboard.Domain.Audit;
using Switchboard.Domain.Notifications;
using Switchboard.Domain.People;
using Switchboard.Infrastructure.Access;
using Switchboard.Infrastructure.ApiKeys;
using Switchboard.Infrastructure.Listeners;
using Switchboard.Infrastructure.Mattermost;
using Switchboard.Infrastructure.Notifications;
using Switchboard.Infrastructure.People;
using Switchboard.Infrastructure.Persistence;
using Switchboard.Portal.Features.ApiKeys;
using Switchboard.Portal.Features.People;

namespace Switchboard.IntegrationTests.Audit;

/// <summary>
/// A change and its audit entry commit together (real SQLite): when the audit write fails, the change is rolled back;
/// when it succeeds, both are there. The failure is made by a trigger that refuses audit rows of one person only.
/// </summary>
public sealed class AuditAtomicityTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private const string Breaker = "audit.breaker";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Changes => ["api-key", "topic", "person", "role"];

    [Theory]
    [MemberData(nameof(Changes))]
    public async Task AuditWriteFailing_RollsTheChangeBack(string change)
    {
        await BreakAuditOfBreakerAsync();
        var name = $"atomic-{Guid.NewGuid():N}"[..20];

        await Assert.ThrowsAsync<DbUpdateException>(() => MakeAsync(change, Admin(Breaker), name));

        Assert.False(await StoredAsync(change, name), $"the {change} was stored although its audit entry was not");
        await using var db = await portal.DbAsync();
        Assert.False(await db.AuditEntries.AnyAsync(e => e.Actor == Breaker && e.Result == AuditResult.Success, Ct));
    }

    [Theory]
    [MemberData(nameof(Changes))]
    public async Task AuditedChange_CommitsWithItsEntry(string change)
    {
        var actor = $"auditor-{Guid.NewGuid():N}"[..20];
        var name = $"atomic-{Guid.NewGuid():N}"[..20];

        var action = await MakeAsync(change, Admin(actor), name);

        Assert.True(await StoredAsync(change, name));
        await using var db = await portal.DbAsync();
        var entry = await db.AuditEntries.SingleAsync(e => e.Actor == actor && e.Result == AuditResult.Success, Ct);
        Assert.Equal(action, entry.Action);
    }

    [Fact]
    public async Task AuditEntryWithoutAChange_IsStillWritten()
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var actor = $"alone-{Guid.NewGuid():N}"[..20];

        await scope.ServiceProvider.GetRequiredService<IAuditLog>()
            .WriteAsync(new AuditRecord(Actor.User(actor), AuditActions.SignIn, "session", actor), Ct);

        await using var db = await portal.DbAsync();
        Assert.Equal(AuditActions.SignIn, (await db.AuditEntries.SingleAsync(e => e.Actor == actor, Ct)).Action);
    }

    [Fact]
    public async Task TokenRunStart_AuditWriteFailing_StoresNoRun_AndTellsWhoAsked()
    {
        await BreakAuditOfBreakerAsync();
        await using var scope = portal.Services.CreateAsyncScope();
        var tokens = scope.ServiceProvider.GetRequiredService<MattermostTokensService>();

        await Assert.ThrowsAsync<DbUpdateException>(() => tokens.StartRunAsync(Admin(Breaker), Ct));

        await using var db = await portal.DbAsync();
        Assert.False(await db.TokenRuns.AnyAsync(r => r.TriggeredBy == Breaker, Ct), "the run was stored although its audit entry was not");

        // The next person's run starts and is audited with it.
        var actor = $"auditor-{Guid.NewGuid():N}"[..20];
        var id = await tokens.StartRunAsync(Admin(actor), Ct);
        var entry = await db.AuditEntries.SingleAsync(e => e.Actor == actor && e.Action == AuditActions.TokenRunStarted, Ct);
        Assert.Equal(id.ToString(CultureInfo.InvariantCulture), entry.ObjectId);
        Assert.True(await db.TokenRuns.AnyAsync(r => r.Id == id && r.TriggeredBy == actor, Ct));
    }

    [Fact]
    public async Task ListenerCheck_AuditWriteFailing_StoresNoCheck()
    {
        await BreakAuditOfBreakerAsync();
        const string deployment = "atomic-listener";
        await using var monitored = portal.WithWebHostBuilder(b => b
            .UseSetting("ExchangeListeners:Interval", "01:00:00")
            .UseSetting("ExchangeListeners:Timeout", "00:00:01")
            .UseSetting("ExchangeListeners:Deployments:0:Name", deployment)
            .UseSetting("ExchangeListeners:Deployments:0:ServiceUrl", $"http://127.0.0.1:{LoopbackPort.Free()}"));
        var contexts = monitored.Services.GetRequiredService<IDbContextFactory<SwitchboardDbContext>>();
        async Task<int> ChecksAsync()
        {
            await using var db = await contexts.CreateDbContextAsync(Ct);
            return await db.ListenerChecks.CountAsync(c => c.Deployment == deployment, Ct);
        }

        // The monitor's own first check, then no other for an hour.
        var before = await Eventually.MatchesAsync("the monitor's first check stored", ChecksAsync, n => n > 0);
        await using var scope = monitored.Services.CreateAsyncScope();
        var listeners = scope.ServiceProvider.GetRequiredService<ListenersService>();

        await Assert.ThrowsAsync<DbUpdateException>(() => listeners.CheckNowAsync(Admin(Breaker), deployment, Ct));

        Assert.Equal(before, await ChecksAsync());
        var actor = $"auditor-{Guid.NewGuid():N}"[..20];
        var check = await listeners.CheckNowAsync(Admin(actor), deployment, Ct);
        Assert.Equal(before + 1, await ChecksAsync());
        await using var read = await contexts.CreateDbContextAsync(Ct);
        var entry = await read.AuditEntries.SingleAsync(e => e.Actor == actor, Ct);
        Assert.Equal((AuditActions.ListenerChecked, deployment), (entry.Action, entry.ObjectId));
        Assert.StartsWith(check.State.ToString(), entry.Details, StringComparison.Ordinal);
    }

    /// <returns>The audit action the change is written under.</returns>
    private async Task<string> MakeAsync(string change, ClaimsPrincipal caller, string name)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        switch (change)
        {
            case "api-key":
                await services.GetRequiredService<ApiKeyService>().CreateAsync(caller, new CreateApiKeyRequest { Name = name, Scopes = [ApiKeyScopes.ConfigRead] }, Ct);
                return AuditActions.ApiKeyCreated;
            case "topic":
                await services.GetRequiredService<NotificationTopicsService>().SaveTopicAsync(caller, new TopicDraft(name.Replace('-', '_').ToUpperInvariant(), null, "Subject", "", ""), Ct);
                return AuditActions.TopicCreated;
            case "person":
                await services.GetRequiredService<PeopleService>().SaveAsync(caller, new PersonDraft { Username = name }, Ct);
                return AuditActions.PersonCreated;
            case "role":
                var stored = await services.GetRequiredService<DirectoryWriter>().UpsertAsync([new PersonDraft { Username = name, Roles = [name] }], Ct);
                Assert.True(stored.Succeeded);
                await services.GetRequiredService<PeopleService>().RenameRoleAsync(caller, name, "Renamed " + name, Ct);
                return AuditActions.RoleRenamed;
            default:
                throw new ArgumentOutOfRangeException(nameof(change), change, null);
        }
    }

    private async Task<bool> StoredAsync(string change, string name)
    {
        await using var db = await portal.DbAsync();
        var topic = name.Replace('-', '_').ToUpperInvariant();
        return change switch
        {
            "api-key" => await db.ApiKeys.AnyAsync(k => k.Name == name, Ct),
            "topic" => await db.Topics.AnyAsync(t => t.Code == topic, Ct),
            "person" => await db.People.AnyAsync(p => p.Username == name, Ct),
            "role" => await db.Roles.AnyAsync(r => r.Code == name && r.Name == "Renamed " + name, Ct),
            _ => throw new ArgumentOutOfRangeException(nameof(change), change, null),
        };
    }

    private async Task BreakAuditOfBreakerAsync()
    {
        const string refuse = "CREATE TRIGGER IF NOT EXISTS refuse_audit_of_breaker BEFORE INSERT ON AuditEntries WHEN NEW.Actor = '" + Breaker + "' " +
            "BEGIN SELECT RAISE(ABORT, 'audit write refused'); END;";
        await using var db = await portal.DbAsync();
        await db.Database.ExecuteSqlRawAsync(refuse, Ct);
    }

    private static ClaimsPrincipal Admin(string name)
    {
        var identity = new ClaimsIdentity("Test", PortalClaims.Name, PortalClaims.Role);
        identity.AddClaim(new Claim(PortalClaims.Name, name));
        identity.AddClaims(RoleMap.Granted(PortalRole.Admin).Select(r => new Claim(PortalClaims.Role, r.ToString())));
        return new ClaimsPrincipal(identity);
    }
}
