using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Switchboard.Domain.Events;
using Switchboard.Domain.Notifications;
using Switchboard.Domain.Notifications.Scripts;
using Switchboard.Domain.Notifications.Templates;
using Switchboard.Infrastructure.Notifications;
using Switchboard.Infrastructure.Persistence;
using Switchboard.Infrastructure.Templates;

namespace Switchboard.UnitTests.Notifications;

/// <summary>What a configuration's channels plan and render, and what the editor's validation says about them.</summary>
public sealed class MattermostChannelTests : IAsyncLifetime
{
    private const string Webhook = "https://chat.example.test/hooks/x3k9generatedkey00000000";
    private readonly SqliteConnection _connection = new("Data Source=:memory:");
    private readonly FluidTemplateRenderer _renderer = new(Options.Create(new NotificationLimitsOptions()));
    private SwitchboardDbContext _db = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await _connection.OpenAsync(Ct);
        _db = new SwitchboardDbContext(new DbContextOptionsBuilder<SwitchboardDbContext>().UseSqlite(_connection).Options);
        await _db.Database.EnsureCreatedAsync(Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _db.DisposeAsync();
        await _connection.DisposeAsync();
    }

    [Fact]
    public async Task AllThreeChannels_PlanAnEmailAndADirectMessagePerRecipient_AndOneChannelPost_EachFromItsTemplate()
    {
        var evaluator = new NotificationEvaluator(_db, _renderer, new Scripts(["hr@example.test"]), new NotificationLimitsOptions(), TimeProvider.System);
        var configuration = Configuration(d => d with { SendToIdentity = true, RecipientsScript = "hr", SendMattermostDirect = true, PostToMattermostChannel = true });

        var verdict = Assert.Single(await evaluator.EvaluateAsync(Event(), new ConfigurationSet([configuration]), explain: false, Ct));

        Assert.Equal(
            [
                (DeliveryChannel.Email, "jan.novak@example.test", "jnovak left", "Dear jnovak, jnovak left."),
                (DeliveryChannel.MattermostDirect, "jan.novak@example.test", "jnovak left", "**jnovak** is now LEFT (for jnovak)"),
                (DeliveryChannel.Email, "hr@example.test", "jnovak left", "Dear hr@example.test, jnovak left."),
                (DeliveryChannel.MattermostChannel, "", "jnovak left", "**jnovak** is now LEFT (for channel)"),
            ],
            verdict.Messages.Select(m => (m.Channel, m.Recipient.Email, m.Email.Subject, m.Email.TextBody)));
        Assert.Equal(["Mattermost direct message to hr@example.test: not a person of the directory"], verdict.Skipped);
    }

    [Fact]
    public async Task MattermostOnly_PlansNoEmail()
    {
        var evaluator = new NotificationEvaluator(_db, _renderer, new Scripts([]), new NotificationLimitsOptions(), TimeProvider.System);
        var configuration = Configuration(d => d with { SendToIdentity = true, SendEmail = false, SendMattermostDirect = true });

        var verdict = Assert.Single(await evaluator.EvaluateAsync(Event(), new ConfigurationSet([configuration]), explain: false, Ct));

        Assert.Equal([DeliveryChannel.MattermostDirect], verdict.Messages.Select(m => m.Channel));
    }

    [Fact]
    public async Task Draft_WithNoChannel_IsRefusedNamingChannels()
    {
        var result = await Validator().ValidateAsync(Draft() with { SendEmail = false }, Ct);

        var error = Assert.Single(result.Errors);
        Assert.Equal(("Channels", "Choose at least one channel: e-mail, Mattermost direct messages or a Mattermost channel."), (error.PropertyName, error.ErrorMessage));
    }

    [Theory]
    [InlineData("chat.example.test/hooks/abc")]
    [InlineData("ftp://chat.example.test/hooks/abc")]
    [InlineData("https://chat.example.test/api/v4/posts")]
    [InlineData("https://chat.example.test/hooks/abc?channel=town-square")]
    public async Task Draft_WithAWebhookUrlThatIsNotAnIncomingWebhook_IsRefused(string url)
    {
        var result = await Validator().ValidateAsync(Draft() with { PostToMattermostChannel = true, MattermostWebhookUrl = url }, Ct);

        Assert.Equal(nameof(NotificationConfigurationDraft.MattermostWebhookUrl), Assert.Single(result.Errors).PropertyName);
    }

    [Fact]
    public async Task Draft_WithAWebhookButNoChannelPost_IsRefused_AndWithTheChannelPostPasses()
    {
        var without = await Validator().ValidateAsync(Draft() with { MattermostWebhookUrl = Webhook }, Ct);
        var with = await Validator().ValidateAsync(Draft() with { PostToMattermostChannel = true, MattermostWebhookUrl = Webhook }, Ct);

        Assert.Contains("only to a configuration that posts to a Mattermost channel", Assert.Single(without.Errors).ErrorMessage, StringComparison.Ordinal);
        Assert.True(with.IsValid);
    }

    [Fact]
    public async Task Topic_WithAMattermostBodyThatDoesNotParse_IsRefusedNamingThatField()
    {
        var result = await new TopicDraftValidator(_renderer).ValidateAsync(new TopicDraft("t", null, "s", "h", "t", "**{{ identity.username **"), Ct);

        Assert.Equal(nameof(TopicDraft.MattermostBody), Assert.Single(result.Errors).PropertyName);
    }

    [Fact]
    public void WebhookHint_ShowsTheServerAndTheStartOfTheHookOnly()
    {
        Assert.Equal("https://chat.example.test/hooks/x3k9…", MattermostWebhookSecrets.HintOf(Webhook));
        Assert.Equal("https://chat.example.test/mattermost/hooks/x3k9…", MattermostWebhookSecrets.HintOf("https://chat.example.test/mattermost/hooks/x3k9generatedkey00000000"));
    }

    [Fact]
    public void Configuration_LeavingTheChannelPost_ForgetsItsWebhook()
    {
        var configuration = Configuration(d => d with { PostToMattermostChannel = true });
        configuration.SetWebhook("protected", "hint");

        configuration.Update(Draft() with { Topic = "t" }, configuration.Topic!);

        Assert.Equal((null, null), (configuration.ProtectedWebhookUrl, configuration.WebhookHint));
    }

    private static NotificationConfigurationDraftValidator Validator() => new(new Scripts([]));

    private static NotificationConfigurationDraft Draft() =>
        new() { EntityType = "IdmIdentity", EventType = "UPDATE", Rule = "!", Topic = "t", SendToIdentity = true };

    private static NotificationConfiguration Configuration(Func<NotificationConfigurationDraft, NotificationConfigurationDraft> adjust) =>
        NotificationConfiguration.Create(adjust(Draft()), Topic.Create("t", null,
            new EmailTemplate("{{ identity.username }} left", "<p>{{ identity.username }} left</p>", "Dear {{ recipient.name }}, {{ identity.username }} left."),
            "**{{ identity.username }}** is now {{ after.attributes.state }} (for {{ recipient.name }})"));

    private static EntityEvent Event() => EntityEvent.Receive("e-1", "IdmIdentity", "UPDATE", "guid", "jnovak", null, null,
        """{ "attributes": { "state": "VALID" } }""", """{ "attributes": { "state": "LEFT", "email": "jan.novak@example.test" } }""", "test", DateTime.UtcNow);

    private sealed class Scripts(IReadOnlyList<string> recipients) : INotificationScripts
    {
        public string? SyntaxError(string script) => null;

        public ScriptOutcome<bool> Rule(string script, ScriptEvent scriptEvent, CancellationToken cancellationToken = default) => ScriptOutcome.Of(true);

        public ScriptOutcome<IReadOnlyList<string>> Recipients(
            string script, ScriptEvent scriptEvent, IScriptDirectory directory, CancellationToken cancellationToken = default) => ScriptOutcome.Of(recipients);
    }
}
