using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Infrastructure.Persistence;
using Switchboard.Infrastructure.Search;

namespace Switchboard.IntegrationTests.Search;

/// <summary>The app bar's search over the demo data: each kind of object is found by what an admin would type.</summary>
public abstract class PortalSearchTests(PortalFactory portal) : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> _demo = default!;

    public async ValueTask InitializeAsync()
    {
        _demo = portal.WithWebHostBuilder(b => b.UseSetting("DemoData:Enabled", "true"));
        await Eventually.TrueAsync("the demo data's messages, envelopes and ChatOps calls", () => QueryAsync(async db =>
            await db.OutboxMessages.AnyAsync(Ct) && await db.ProvisioningEnvelopes.AnyAsync(e => e.Email != null, Ct)
            && await db.BridgeCalls.AnyAsync(c => c.TicketId != null, Ct)));
    }

    public async ValueTask DisposeAsync()
    {
        await _demo.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    private async Task<T> QueryAsync<T>(Func<SwitchboardDbContext, Task<T>> query)
    {
        await using var db = await _demo.Services.GetRequiredService<IDbContextFactory<SwitchboardDbContext>>().CreateDbContextAsync(Ct);
        return await query(db);
    }

    private async Task<IReadOnlyList<SearchHit>> SearchAsync(string text)
    {
        await using var scope = _demo.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PortalSearch>().SearchAsync(text, 5, Ct);
    }

    [Fact]
    public async Task PartOfAName_FindsThePerson_CaseIgnored()
    {
        var person = await QueryAsync(db => db.People.AsNoTracking().Where(p => !p.Deleted && p.LastName != null).OrderBy(p => p.Id).FirstAsync(Ct));

        var hits = await SearchAsync(person.LastName![..3].ToUpperInvariant());

        Assert.Contains(hits, h => h.Kind == SearchHitKind.Person && h.Key == person.Username);
    }

    [Fact]
    public async Task AnEnvelopesEmail_FindsTheEnvelope_AndTheMessagesToThatAddress_OnlyThem()
    {
        var envelope = await QueryAsync(db => db.ProvisioningEnvelopes.AsNoTracking().Where(e => e.Email != null).OrderBy(e => e.Id).FirstAsync(Ct));
        var message = await QueryAsync(db => db.OutboxMessages.AsNoTracking().OrderBy(m => m.Id).FirstAsync(Ct));

        var byEnvelopeEmail = await SearchAsync(envelope.Email!);
        var byRecipient = await SearchAsync(message.RecipientEmail);

        Assert.Contains(byEnvelopeEmail, h => h.Kind == SearchHitKind.Envelope && h.Key == envelope.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.All(byEnvelopeEmail.Where(h => h.Kind == SearchHitKind.Envelope), h => Assert.Contains(envelope.Email!, h.Detail, StringComparison.Ordinal));
        var newestToThem = await QueryAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.RecipientEmail == message.RecipientEmail).MaxAsync(m => m.Id, Ct));
        Assert.Contains(byRecipient, h => h.Kind == SearchHitKind.Message && h.Key == newestToThem.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.All(byRecipient.Where(h => h.Kind == SearchHitKind.Message), h => Assert.Contains(message.RecipientEmail, h.Title, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ATicketNumber_WithOrWithoutItsHash_FindsTheChatOpsCall()
    {
        var call = await QueryAsync(db => db.BridgeCalls.AsNoTracking().Where(c => c.TicketId != null).OrderBy(c => c.Id).FirstAsync(Ct));

        var id = call.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains(await SearchAsync($"#{call.TicketId}"), h => h.Kind == SearchHitKind.ChatOpsCall && h.Key == id);
        Assert.Contains(await SearchAsync(call.PostId), h => h.Kind == SearchHitKind.ChatOpsCall && h.Key == id);
    }

    [Fact]
    public async Task PartOfATopicCode_FindsTheTopic_AndTheConfigurationsSendingIt()
    {
        var hits = await SearchAsync("STATE-CHANGED");

        Assert.Contains(hits, h => h.Kind == SearchHitKind.Topic && h.Key == "identity:state-changed");
        Assert.Contains(hits, h => h.Kind == SearchHitKind.Configuration && h.Title.EndsWith("identity:state-changed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OneCharacter_FindsNothing_SoTheBoxDoesNotListTheWholeDirectory()
    {
        Assert.Empty(await SearchAsync("a"));
        Assert.Empty(await SearchAsync("   "));
    }
}

public sealed class PortalSearchTestsOnSqlite(PortalFactory portal) : PortalSearchTests(portal), IClassFixture<PortalFactory>;

public sealed class PortalSearchTestsOnPostgres(PostgresPortalFactory portal) : PortalSearchTests(portal), IClassFixture<PostgresPortalFactory>;
