using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Switchboard.Domain.Events;
using Switchboard.Domain.Notifications;
using Switchboard.Domain.Notifications.Scripts;
using Switchboard.Domain.Notifications.Templates;
using Switchboard.Infrastructure.Notifications;
using Switchboard.Infrastructure.Persistence;

namespace Switchboard.UnitTests.Notifications;

/// <summary>What one configuration may cost for one event, and that breaking a limit fails only that configuration.</summary>
public sealed class EvaluationLimitsTests : IAsyncLifetime
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");
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
    public async Task RecipientsScriptNamingMoreThanTheLimit_FailsItsConfiguration_AndPlansNoMessage()
    {
        var scripts = new FakeScripts(Enumerable.Range(0, 5001).Select(i => $"r{i}@example.test").ToList());
        var evaluator = Evaluator(new FakeRenderer(), scripts, new NotificationLimitsOptions { MaxRecipients = 200 });

        var verdict = Assert.Single(await evaluator.EvaluateAsync(Event(), Set(Configuration("many", recipientsScript: "many")), explain: false, Ct));

        Assert.Equal(VerdictKind.Failed, verdict.Kind);
        Assert.Equal("recipients script: it named 5001 recipients, more than 200 (Notifications:Limits:MaxRecipients)", verdict.Reason);
        Assert.Empty(verdict.Messages);
    }

    [Fact]
    public async Task RecipientsUpToTheLimit_AllGetTheirMessage()
    {
        var scripts = new FakeScripts(Enumerable.Range(0, 200).Select(i => $"r{i}@example.test").ToList());
        var evaluator = Evaluator(new FakeRenderer(), scripts, new NotificationLimitsOptions { MaxRecipients = 200 });

        var verdict = Assert.Single(await evaluator.EvaluateAsync(Event(), Set(Configuration("many", recipientsScript: "many")), explain: false, Ct));

        Assert.Equal((VerdictKind.Fired, 200), (verdict.Kind, verdict.Messages.Count));
    }

    [Fact]
    public async Task SlowConfiguration_FailsAtItsTimeBudget_AndTheNextConfigurationStillFires()
    {
        var evaluator = Evaluator(new FakeRenderer(), new FakeScripts(["a@example.test"]),
            new NotificationLimitsOptions { TimePerConfiguration = TimeSpan.FromMilliseconds(300) });
        var clock = Stopwatch.StartNew();

        var verdicts = await evaluator.EvaluateAsync(
            Event(), Set(Configuration(FakeRenderer.Slow, recipientsScript: "one"), Configuration("quick", recipientsScript: "one")), explain: false, Ct);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
        Assert.Equal([VerdictKind.Failed, VerdictKind.Fired], verdicts.Select(v => v.Kind));
        Assert.Equal("it took longer than 0.3 s for this event (Notifications:Limits:TimePerConfiguration)", verdicts[0].Reason);
        Assert.Equal("quick", Assert.Single(verdicts[1].Messages).Email.Subject);
    }

    [Fact]
    public async Task TemplateBreakingALimit_FailsItsConfiguration_AndTheNextStillFires()
    {
        var evaluator = Evaluator(new FakeRenderer(), new FakeScripts(["a@example.test"]), new NotificationLimitsOptions());

        var verdicts = await evaluator.EvaluateAsync(
            Event(), Set(Configuration(FakeRenderer.Huge, recipientsScript: "one"), Configuration("quick", recipientsScript: "one")), explain: false, Ct);

        Assert.Equal([VerdictKind.Failed, VerdictKind.Fired], verdicts.Select(v => v.Kind));
        Assert.Equal("template: the HTML body: it rendered more than 1000 characters", verdicts[0].Reason);
    }

    private NotificationEvaluator Evaluator(ITemplateRenderer renderer, INotificationScripts scripts, NotificationLimitsOptions limits) =>
        new(_db, renderer, scripts, limits, TimeProvider.System);

    private static ConfigurationSet Set(params NotificationConfiguration[] configurations) => new(configurations);

    private static NotificationConfiguration Configuration(string subject, string recipientsScript) =>
        NotificationConfiguration.Create(
            new NotificationConfigurationDraft { EntityType = "IdmIdentity", EventType = "UPDATE", Rule = "!", Topic = subject, RecipientsScript = recipientsScript },
            Topic.Create(subject, null, new EmailTemplate(subject, "", "")));

    private static EntityEvent Event() => EntityEvent.Receive("e-1", "IdmIdentity", "UPDATE", "guid", "jnovak", null, null,
        """{ "attributes": { "state": "VALID" } }""", """{ "attributes": { "state": "LEFT" } }""", "test", DateTime.UtcNow);

    private sealed class FakeScripts(IReadOnlyList<string> recipients) : INotificationScripts
    {
        public string? SyntaxError(string script) => null;

        public ScriptOutcome<bool> Rule(string script, ScriptEvent scriptEvent, CancellationToken cancellationToken = default) => ScriptOutcome.Of(true);

        public ScriptOutcome<IReadOnlyList<string>> Recipients(
            string script, ScriptEvent scriptEvent, IScriptDirectory directory, CancellationToken cancellationToken = default) => ScriptOutcome.Of(recipients);
    }

    /// <summary>Renders the subject as it is; a "slow" topic waits until its time is up, a "huge" one breaks the size limit.</summary>
    private sealed class FakeRenderer : ITemplateRenderer
    {
        public const string Slow = "slow";
        public const string Huge = "huge";

        public TemplateCheck Check(string source) => TemplateCheck.Ok;

        public async Task<RenderedEmail> RenderAsync(EmailTemplate email, TemplateModel model, CancellationToken cancellationToken)
        {
            if (email.Subject == Slow)
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            }

            return email.Subject == Huge
                ? throw new TemplateLimitExceededException("the HTML body: it rendered more than 1000 characters")
                : new RenderedEmail(email.Subject, "", "");
        }

        public Task<RenderedEmail> RenderDigestAsync(EmailTemplate email, DigestModel model, CancellationToken cancellationToken) =>
            Task.FromResult(new RenderedEmail(email.Subject, "", ""));
    }
}
