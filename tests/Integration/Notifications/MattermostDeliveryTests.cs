using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Domain.ApiKeys;
using Switchboard.Domain.Notifications;
using Switchboard.Domain.People;
using Switchboard.Infrastructure.Notifications;
using Switchboard.Infrastructure.People;
using Switchboard.Infrastructure.Persistence;
using Switchboard.IntegrationTests.Mattermost;
using Switchboard.MattermostSimulator;

namespace Switchboard.IntegrationTests.Notifications;

/// <summary>
/// Event in, Mattermost out: direct messages from the bot and channel posts through an incoming webhook, against the
/// Mattermost simulator (its rate limiter and error bodies included); each test has its own portal, database and simulator.
/// </summary>
public abstract class MattermostDeliveryTests(PortalFactory portal) : IAsyncLifetime
{
    private const string BotToken = "sim-bot-token-for-tests";
    private readonly PortalFactory _portal = portal;
    private SimulatedMattermost _mattermost = default!;
    private WebApplicationFactory<Program> _connected = default!;
    private SimUser _bot = default!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _mattermost = await SimulatedMattermost.StartAsync();
        _bot = _mattermost.State.AddBot("switchboard-bot", BotToken);
        _connected = _portal.WithWebHostBuilder(b => b
            .UseSetting("Mattermost:Url", _mattermost.Url)
            .UseSetting("Mattermost:Schedule", "")
            .UseSetting("Notifications:Mattermost:Enabled", "true")
            .UseSetting("Notifications:Mattermost:BotToken", BotToken));
    }

    // Only the connected portal runs: starting the plain one (its Services) would add a second Mattermost sender, with
    // direct messages off, that could take a message first and fail it.
    private Task<SwitchboardDbContext> DbAsync() =>
        _connected.Services.GetRequiredService<IDbContextFactory<SwitchboardDbContext>>().CreateDbContextAsync(Ct);

    private async Task<T> QueryAsync<T>(Func<SwitchboardDbContext, Task<T>> query)
    {
        await using var db = await DbAsync();
        return await query(db);
    }

    public async ValueTask DisposeAsync()
    {
        await _connected.DisposeAsync();
        await _portal.DisposeAsync();
        await _mattermost.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task DirectMessage_GoesFromTheBot_ToTheRecipientsMattermostUser_FoundByTheLowerCasedUsername()
    {
        var boss = _mattermost.State.AddUser("dm.boss", "someone.else@example.test");
        _mattermost.State.AddUser("dm.worker", "dm.worker@example.test");
        await SeedAsync("dm", bossUsername: "DM.Boss");
        await ConfigureAsync("dm", d => d with { SendEmail = false, SendMattermostDirect = true });

        await PostAsync(Event("dm-1", "dm.worker"));

        var message = await WaitForMessageAsync("dm-1", DeliveryChannel.MattermostDirect, m => m.Status == MessageStatus.Sent);
        var post = Assert.Single(_mattermost.State.Posts);
        var channel = _mattermost.State.Channel(post.ChannelId)!;
        Assert.Equal(("D", _bot.Id), (channel.Type, post.UserId));
        Assert.Equal(new[] { _bot.Id, boss.Id }.Order(StringComparer.Ordinal), channel.Members.Order(StringComparer.Ordinal));
        Assert.Equal("**Dora Worker** is now LEFT (for Bob Boss)", post.Message);
        Assert.Equal($"post {post.Id}", message.SmtpReply);
        Assert.Equal("DM.Boss", message.RecipientUsername);
        Assert.False(await QueryAsync(db => db.OutboxMessages.AnyAsync(m => m.Channel == DeliveryChannel.Email, Ct)));
    }

    [Fact]
    public async Task ChannelPost_GoesThroughTheWebhook_BesideTheEmail_AndTheUrlIsStoredEncryptedAndNeverShown()
    {
        var hook = _mattermost.State.AddHook("identity-alerts");
        var url = $"{_mattermost.Url}/hooks/{hook.Id}";
        await SeedAsync("ch");
        var id = await ConfigureAsync("ch", d => d with { PostToMattermostChannel = true, MattermostWebhookUrl = url });

        await PostAsync(Event("ch-1", "ch.worker"));

        await WaitForMessageAsync("ch-1", DeliveryChannel.MattermostChannel, m => m.Status == MessageStatus.Sent);
        await WaitForMessageAsync("ch-1", DeliveryChannel.Email, m => m.Status == MessageStatus.Sent);
        var post = Assert.Single(_mattermost.State.Posts);
        Assert.Equal((hook.Id, "identity-alerts"), (post.HookId, _mattermost.State.Channel(post.ChannelId)!.Name));
        Assert.Equal("**Dora Worker** is now LEFT (for channel)", post.Message);

        await using var db = await DbAsync();
        var stored = await db.NotificationConfigurations.AsNoTracking().SingleAsync(c => c.Id == id, Ct);
        Assert.DoesNotContain(hook.Id, stored.ProtectedWebhookUrl, StringComparison.Ordinal);
        Assert.Equal($"{_mattermost.Url}/hooks/{hook.Id[..4]}…", stored.WebhookHint);
        Assert.False(await db.AuditEntries.AnyAsync(a => a.Details != null && a.Details.Contains(hook.Id), Ct));
        await using var scope = _connected.Services.CreateAsyncScope();
        var configurations = scope.ServiceProvider.GetRequiredService<NotificationConfigurationsService>();
        Assert.Null((await configurations.ConfigurationAsync(id, Ct))!.MattermostWebhookUrl);
    }

    [Fact]
    public async Task RateLimitedServer_Its429IsWaitedOut_AndEveryMessageGoesOutOnItsFirstAttempt()
    {
        foreach (var who in new[] { "rl.a", "rl.b", "rl.c" })
        {
            _mattermost.State.AddUser(who, $"{who}@example.test");
        }

        _mattermost.State.RateLimit = new RateLimit(perSecond: 2, burst: 1);
        await SeedAsync("rl", extra: ["rl.a", "rl.b", "rl.c"]);
        await ConfigureAsync("rl", d => d with { SendEmail = false, SendMattermostDirect = true, SendToManager = false, RecipientUsernames = ["rl.a", "rl.b", "rl.c"] });

        await PostAsync(Event("rl-1", "rl.worker"));

        var messages = await Eventually.MatchesAsync("the three direct messages sent",
            () => QueryAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.Channel == DeliveryChannel.MattermostDirect).ToListAsync(Ct)),
            found => found.Count == 3 && found.TrueForAll(m => m.Status == MessageStatus.Sent));
        Assert.All(messages, m => Assert.Equal(1, m.Attempts));
        Assert.True(_mattermost.State.Calls.GetValueOrDefault("429") > 0, "the simulator's limiter answered 429 at least once");
        Assert.Equal(3, _mattermost.State.Posts.Count());
    }

    [Fact]
    public async Task MattermostRefusing_RecordsItsOwnErrorOnTheFailedAttempt_WithoutTheWebhookUrl()
    {
        var hook = _mattermost.State.AddHook("identity-alerts");
        _mattermost.State.IncomingWebhooksEnabled = false;
        await SeedAsync("er");
        await ConfigureAsync("er", d => d with
        {
            SendEmail = false,
            SendMattermostDirect = true,
            PostToMattermostChannel = true,
            MattermostWebhookUrl = $"{_mattermost.Url}/hooks/{hook.Id}",
        });

        await PostAsync(Event("er-1", "er.worker"));

        var post = await WaitForMessageAsync("er-1", DeliveryChannel.MattermostChannel, m => m.Status == MessageStatus.Failed);
        Assert.Equal("Mattermost answered 501 web.incoming_webhook.disabled.app_error: Incoming webhooks have been disabled by the system admin.", post.LastError);
        Assert.Equal(1, post.Attempts);
        Assert.True(post.NextAttemptAt > DateTime.UtcNow);
        var direct = await WaitForMessageAsync("er-1", DeliveryChannel.MattermostDirect, m => m.Status == MessageStatus.Failed);
        Assert.Equal("er.boss has no Mattermost user (looked up by username er.boss, then by e-mail)", direct.LastError);
        Assert.Empty(_mattermost.State.Posts);
    }

    private async Task SeedAsync(string prefix, string? bossUsername = null, string[]? extra = null)
    {
        var boss = bossUsername ?? $"{prefix}.boss";
        var writer = _connected.Services.GetRequiredService<DirectoryWriter>();
        var result = await writer.UpsertAsync(
        [
            new PersonDraft { Username = boss, FirstName = "Bob", LastName = "Boss", Email = $"{prefix}.boss@example.test" },
            new PersonDraft { Username = $"{prefix}.worker", FirstName = "Dora", LastName = "Worker", Email = $"{prefix}.worker@example.test", Manager = boss, State = "VALID", FormProjection = prefix },
            .. (extra ?? []).Select(u => new PersonDraft { Username = u, FirstName = u, Email = $"{u}@example.test" }),
        ], Ct);
        Assert.True(result.Succeeded);
    }

    private async Task<int> ConfigureAsync(string prefix, Func<NotificationConfigurationDraft, NotificationConfigurationDraft> adjust)
    {
        await using var scope = _connected.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<NotificationTopicsService>().SaveTopicAsync(TestPeople.Admin, new TopicDraft($"{prefix}:left", null,
            "{{ identity.fullName }} left", "<p>{{ identity.fullName }} left</p>", "{{ identity.fullName }} left",
            "**{{ identity.fullName }}** is now {{ after.attributes.state }} (for {{ recipient.name }})"), Ct);
        return await scope.ServiceProvider.GetRequiredService<NotificationConfigurationsService>().SaveConfigurationAsync(TestPeople.Admin, null, adjust(new NotificationConfigurationDraft
        {
            EntityType = "IdmIdentity",
            EventType = "UPDATE",
            FormProjection = prefix,
            Rule = "state:VALID->LEFT",
            Topic = $"{prefix}:left",
            Level = NotificationLevel.Warning,
            SendToManager = true,
        }), Ct);
    }

    private static object Event(string id, string username) => new
    {
        id,
        entityType = "IdmIdentity",
        eventType = "UPDATE",
        entityId = $"guid-{username}",
        identity = username,
        before = new { attributes = new { state = "VALID" } },
        after = new { attributes = new { state = "LEFT" } },
    };

    private async Task PostAsync(object entityEvent)
    {
        await using var scope = _connected.Services.CreateAsyncScope();
        var key = await scope.ServiceProvider.GetRequiredService<Switchboard.Infrastructure.ApiKeys.ApiKeyService>().CreateAsync(
            TestPeople.Admin, new() { Name = $"events {Guid.NewGuid():N}", Scopes = [ApiKeyScopes.EventsWrite] }, Ct);
        var client = _connected.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key.Secret);
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync("/api/events", entityEvent, Ct)).StatusCode);
    }

    private Task<OutboxMessage> WaitForMessageAsync(string eventId, DeliveryChannel channel, Func<OutboxMessage, bool> done) =>
        Eventually.FoundAsync($"the {channel} message for event {eventId} in the expected state", () => QueryAsync(async db =>
            await db.OutboxMessages.AsNoTracking()
                .Where(m => m.Channel == channel && db.EntityEvents.Any(e => e.Id == m.EventId && e.EventId == eventId))
                .SingleOrDefaultAsync(Ct) is { } message && done(message) ? message : null));
}

public sealed class MattermostDeliveryTestsOnSqlite() : MattermostDeliveryTests(new PortalFactory());

public sealed class MattermostDeliveryTestsOnPostgres(PostgresServer postgres) : MattermostDeliveryTests(new PostgresPortalFactory(postgres));
