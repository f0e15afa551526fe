using Microsoft.Extensions.Options;
using Switchboard.Domain.Notifications;
using Switchboard.Domain.Notifications.Digests;
using Switchboard.Domain.Notifications.Templates;
using Switchboard.Infrastructure.Notifications;
using Switchboard.Infrastructure.Notifications.Digests;
using Switchboard.Infrastructure.Notifications.Scripts;
using Switchboard.Infrastructure.Templates;

namespace Switchboard.UnitTests.Notifications;

/// <summary>When digests are due, which levels they gather, what the editor's validation says, and how a digest renders.</summary>
public sealed class DigestTests
{
    private static readonly DateTime FirstChange = new(2026, 12, 14, 9, 17, 0, DateTimeKind.Utc);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void WindowDigest_IsDue_TheMinutesAfterTheFirstWaitingChange()
    {
        Assert.Equal(FirstChange.AddMinutes(15), DigestTiming.DueAt(new DigestSchedule(EveryMinutes: 15), FirstChange, TimeZoneInfo.Utc));
    }

    [Fact]
    public void CronDigest_IsDue_AtTheNextTimeOfTheExpression_InTheConfiguredTimeZone()
    {
        var prague = TimeZoneInfo.FindSystemTimeZoneById("Europe/Prague");

        // 9:17 UTC is 10:17 in Prague in December: the next 8:00 on a working day there is Tuesday 8:00 CET, 7:00 UTC.
        Assert.Equal(new DateTime(2026, 12, 15, 7, 0, 0, DateTimeKind.Utc), DigestTiming.DueAt(new DigestSchedule(Cron: "0 8 * * 1-5"), FirstChange, prague));
        Assert.Equal(new DateTime(2026, 12, 15, 8, 0, 0, DateTimeKind.Utc), DigestTiming.DueAt(new DigestSchedule(Cron: "0 8 * * 1-5"), FirstChange, TimeZoneInfo.Utc));
    }

    [Fact]
    public void WaitingChanges_OfAConfigurationThatNowSendsAtOnceOrIsGone_AreDueAtOnce()
    {
        Assert.Equal(FirstChange, DigestTiming.DueAt(null, FirstChange, TimeZoneInfo.Utc));
    }

    [Theory]
    [InlineData(NotificationLevel.Info, true)]
    [InlineData(NotificationLevel.Warning, true)]
    [InlineData(NotificationLevel.Error, false)]
    public void LevelsBelowTheCriticalLevel_WaitForTheDigest_TheOthersGoAtOnce(NotificationLevel level, bool gathered)
    {
        Assert.Equal(gathered, new DigestOptions { CriticalLevel = NotificationLevel.Error }.Gathers(level));
    }

    [Theory]
    [InlineData(15, null, null)]
    [InlineData(null, "0 8 * * 1-5", null)]
    [InlineData(0, null, "Digest.EveryMinutes")]
    [InlineData(10081, null, "Digest.EveryMinutes")]
    [InlineData(null, "every morning", "Digest.Cron")]
    [InlineData(15, "0 8 * * *", "Digest")]
    public async Task DigestSchedule_IsValidated_WithTheFieldThatIsWrong(int? minutes, string? cron, string? wrongField)
    {
        var result = await Validator().ValidateAsync(Draft() with { Digest = new DigestSchedule(minutes, cron) }, Ct);

        Assert.Equal(wrongField, result.Errors.SingleOrDefault()?.PropertyName);
    }

    [Fact]
    public async Task Digest_WithoutEmail_IsRefused_BecauseADigestGathersEmails()
    {
        var result = await Validator().ValidateAsync(Draft() with { SendEmail = false, SendMattermostDirect = true, Digest = new DigestSchedule(EveryMinutes: 5) }, Ct);

        Assert.Contains(result.Errors, e => e.PropertyName == "Digest" && e.ErrorMessage.Contains("e-mail", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TopicDigestTemplate_ThatDoesNotParse_IsRefusedByField()
    {
        var renderer = Renderer();
        var result = await new TopicDraftValidator(renderer).ValidateAsync(
            new TopicDraft("t", null, "s", "h", "t", Digest: new EmailTemplate("{{ count }}", "", "{% for item in items %}")), Ct);

        Assert.Equal("Digest.TextBody", Assert.Single(result.Errors).PropertyName);
    }

    [Fact]
    public async Task DefaultDigest_ListsEveryChange_WithItsPersonAndChangedAttributes()
    {
        var digest = await Renderer().RenderDigestAsync(DigestTemplates.Default,
            new DigestModel([Change("Jan", "Novák", "state"), Change("Eva", "Malá", "EAV:clinicCode")], Recipient, Configuration), Ct);

        Assert.Equal("2 changes: identity:state-changed", digest.Subject);
        Assert.Contains("- Jan Novák: IdmIdentity UPDATE, changed state", digest.TextBody, StringComparison.Ordinal);
        Assert.Contains("- Eva Malá: IdmIdentity UPDATE, changed EAV:clinicCode", digest.TextBody, StringComparison.Ordinal);
        Assert.Equal(2, digest.HtmlBody.Split("<li>").Length - 1);
        Assert.Contains(": IdmIdentity UPDATE, changed EAV:clinicCode</li>", digest.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DigestItemsModel_SurvivesStorage_SoTheDigestSeesEachChangeAsItWas()
    {
        var change = Change("Jan", "Novák", "state");

        var stored = DigestModels.Read(System.Text.Json.JsonSerializer.Serialize(change, DigestModels.Json));

        var digest = await Renderer().RenderDigestAsync(new EmailTemplate("{% for item in items %}{{ item.identity.fullName }} {{ item.before.attributes.state }}->{{ item.after.attributes.state }} for {{ item.recipient.name }}{% endfor %}", "", ""),
            new DigestModel([stored], Recipient, Configuration), Ct);
        Assert.Equal("Jan Novák VALID->LEFT for Richard Malý", digest.Subject);
    }

    private static readonly TemplateRecipient Recipient = new("richard.maly@example.test", "richard.maly", "Richard Malý");
    private static readonly TemplateConfiguration Configuration = new("identity:state-changed", null);

    private static TemplateModel Change(string firstName, string lastName, string changed) => new("IdmIdentity", "UPDATE", "INFO", null, [changed],
        new TemplateState(new Dictionary<string, string?> { ["state"] = "VALID" }, new Dictionary<string, string?>()),
        new TemplateState(new Dictionary<string, string?> { ["state"] = "LEFT" }, new Dictionary<string, string?>()),
        new TemplatePerson($"{firstName.ToLowerInvariant()}.x", firstName, lastName, null, "richard.maly"), Recipient, Configuration);

    private static FluidTemplateRenderer Renderer() => new(Options.Create(new NotificationLimitsOptions()));

    private static NotificationConfigurationDraftValidator Validator() => new(new JintNotificationScripts(Options.Create(new ScriptOptions())));

    private static NotificationConfigurationDraft Draft() =>
        new() { EntityType = "IdmIdentity", EventType = "UPDATE", Rule = "!", Topic = "t", SendToIdentity = true };
}
