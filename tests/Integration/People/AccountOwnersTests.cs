using Microsoft.Extensions.DependencyInjection;
using Switchboard.Domain.ChatOps;
using Switchboard.Domain.People;
using Switchboard.Infrastructure.ChatOps;
using Switchboard.Infrastructure.People;

namespace Switchboard.IntegrationTests.People;

/// <summary>Links from other modules to a person: an envelope's account and a ChatOps call's Mattermost user, found in the directory.</summary>
public abstract class AccountOwnersTests(PortalFactory portal)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnAccount_BelongsToThePeopleWithItsEmail_OrItsGoogleIdOrGramUuidAsAttributes()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        await using (var db = await portal.DbAsync())
        {
            db.People.AddRange(
                Person($"mail.{suffix}", $"mail.{suffix}@example.test"),
                Person($"google.{suffix}", null, (AccountAttributes.GoogleId, $"g-{suffix}")),
                Person($"gram.{suffix}", null, (AccountAttributes.GramAccountUuid, $"uuid-{suffix}")),
                Person($"other.{suffix}", $"other.{suffix}@example.test", ("department", $"g-{suffix}")));
            await db.SaveChangesAsync(Ct);
        }

        await using var scope = portal.Services.CreateAsyncScope();
        var owners = scope.ServiceProvider.GetRequiredService<AccountOwners>();

        Assert.Equal([$"mail.{suffix}"], (await owners.OfAccountAsync($"MAIL.{suffix}@example.test".ToLowerInvariant(), null, null, Ct)).Select(p => p.Username));
        Assert.Equal([$"google.{suffix}"], (await owners.OfAccountAsync(null, $"g-{suffix}", null, Ct)).Select(p => p.Username));
        Assert.Equal([$"gram.{suffix}", $"mail.{suffix}"],
            (await owners.OfAccountAsync($"mail.{suffix}@example.test", null, $"uuid-{suffix}", Ct)).Select(p => p.Username));
        Assert.Empty(await owners.OfAccountAsync($"nobody.{suffix}@example.test", $"nothing-{suffix}", null, Ct));
        Assert.Empty(await owners.OfAccountAsync(null, null, null, Ct));
    }

    [Fact]
    public async Task ACallLogRow_NamesThePersonByMattermostUserIdOrUsername_AndLinksTheTicketInGlpi()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        int bridgeId;
        await using (var db = await portal.DbAsync())
        {
            var byId = Person($"chat.{suffix}", null);
            byId.StoreMattermostToken("protected", "token", $"mm-{suffix}", null, DateTime.UtcNow);
            db.People.AddRange(byId, Person($"same.{suffix}", null));
            var bridge = Bridge.Create(new BridgeSettings($"owners-{suffix}", ["help"], "https://glpi.example.test/apirest.php", 1, TicketType.Incident, null, null, null, null, true),
                new BridgeSecretsProtected(null, null, null), DateTime.UtcNow);
            db.Bridges.Add(bridge);
            await db.SaveChangesAsync(Ct);
            bridgeId = bridge.Id;
            var created = BridgeCall.Receive(bridge.Id, Post($"a-{suffix}", "nickname", $"mm-{suffix}"), "help", "one", DateTime.UtcNow);
            created.MarkCreated(99, 5, DateTime.UtcNow);
            db.BridgeCalls.AddRange(created,
                BridgeCall.Receive(bridge.Id, Post($"b-{suffix}", $"SAME.{suffix}", null), "help", "two", DateTime.UtcNow),
                BridgeCall.Receive(bridge.Id, Post($"c-{suffix}", $"stranger.{suffix}", null), "help", "three", DateTime.UtcNow));
            await db.SaveChangesAsync(Ct);
        }

        await using var scope = portal.Services.CreateAsyncScope();
        var rows = (await scope.ServiceProvider.GetRequiredService<ChatOpsService>().CallsAsync(new CallFilter(BridgeId: bridgeId), 0, 10, Ct)).Items;

        var byPost = rows.ToDictionary(r => r.PostId);
        Assert.Equal($"chat.{suffix}", byPost[$"a-{suffix}"].Person);
        Assert.Equal("https://glpi.example.test/front/ticket.form.php?id=99", byPost[$"a-{suffix}"].TicketUrl);
        Assert.Equal($"same.{suffix}", byPost[$"b-{suffix}"].Person);
        Assert.Null(byPost[$"b-{suffix}"].TicketUrl);
        Assert.Null(byPost[$"c-{suffix}"].Person);
    }

    private static Person Person(string username, string? email, params (string Code, string Value)[] attributes)
    {
        var person = Domain.People.Person.Create(username);
        person.Apply(new PersonDraft { Username = username, Email = email, Attributes = attributes.ToDictionary(a => a.Code, a => a.Value) }, null, [], DateTime.UtcNow);
        return person;
    }

    private static WebhookPost Post(string postId, string userName, string? userId) =>
        new(null, postId, userName, userId, "helpdesk", null, null, null, null, "help");
}

public sealed class AccountOwnersTestsOnSqlite(PortalFactory portal) : AccountOwnersTests(portal), IClassFixture<PortalFactory>;

public sealed class AccountOwnersTestsOnPostgres(PostgresPortalFactory portal) : AccountOwnersTests(portal), IClassFixture<PostgresPortalFactory>;
