using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Switchboard.Domain.Notifications;
using Switchboard.Domain.Notifications.DateWatches;
using Switchboard.Domain.Notifications.Digests;
using Switchboard.Domain.Notifications.Templates;
using Switchboard.Infrastructure.Notifications;
using Switchboard.Infrastructure.Notifications.Scripts;

namespace Switchboard.UnitTests.Notifications;

/// <summary>When a watched date is notified (issue 17 §2), what an identity event says of the date, and what the editor's validation says.</summary>
public sealed class DatePlanningTests
{
    private static readonly DateWatch FourteenDaysBefore = new("validTill", -14);
    private static readonly DateOnly ContractEnd = new(2026, 12, 28);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Watch_FiresTheOffsetFromTheDate_BeforeOnOrAfter()
    {
        Assert.Equal(new DateOnly(2026, 12, 14), FourteenDaysBefore.FireOn(ContractEnd));
        Assert.Equal(ContractEnd, new DateWatch("validTill", 0).FireOn(ContractEnd));
        Assert.Equal(new DateOnly(2026, 12, 31), new DateWatch("EAV:contractEnd", 3).FireOn(ContractEnd));
        Assert.Equal("14 days before validTill", FourteenDaysBefore.ToString());
        Assert.Equal("on the day of EAV:contractEnd", new DateWatch("EAV:contractEnd", 0).ToString());
        Assert.Equal("1 day after validTill", new DateWatch("validTill", 1).ToString());
    }

    [Fact]
    public void Plan_WithTheDueDayAhead_FiresOnTheDueDay()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 15, 0, 0, TimeSpan.Zero));

        Assert.Equal(new DateOnly(2026, 12, 14), DatePlan.FireOn(FourteenDaysBefore, ContractEnd, DatePlan.Today(clock, TimeZoneInfo.Utc)));
    }

    [Fact]
    public void Plan_WhenTheDueDayIsGoneButTheDateIsAhead_FiresToday_Late()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 23, 8, 0, 0, TimeSpan.Zero));

        Assert.Equal(new DateOnly(2026, 12, 23), DatePlan.FireOn(FourteenDaysBefore, ContractEnd, DatePlan.Today(clock, TimeZoneInfo.Utc)));
    }

    [Fact]
    public void Plan_WhenTheDueDayAndTheDateAreGone_PlansNothing()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2027, 1, 5, 8, 0, 0, TimeSpan.Zero));

        Assert.Null(DatePlan.FireOn(FourteenDaysBefore, ContractEnd, DatePlan.Today(clock, TimeZoneInfo.Utc)));
        Assert.Equal(new DateOnly(2027, 1, 7), DatePlan.FireOn(new DateWatch("validTill", 10), ContractEnd, DatePlan.Today(clock, TimeZoneInfo.Utc)));
    }

    [Fact]
    public void Today_IsTheDayInTheConfiguredTimeZone()
    {
        // 23:30 UTC on 13 December is already 14 December in Prague.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 13, 23, 30, 0, TimeSpan.Zero));
        var prague = TimeZoneInfo.FindSystemTimeZoneById("Europe/Prague");

        Assert.Equal(new DateOnly(2026, 12, 13), DatePlan.Today(clock, TimeZoneInfo.Utc));
        Assert.Equal(new DateOnly(2026, 12, 14), DatePlan.Today(clock, prague));
        clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(new DateOnly(2026, 12, 14), DatePlan.Today(clock, TimeZoneInfo.Utc));
    }

    [Theory]
    [InlineData("2026-12-28", "2026-12-28")]
    [InlineData(" 2026-12-28T00:00:00Z ", "2026-12-28")]
    [InlineData("2026-12-28T10:15:00+01:00", "2026-12-28")]
    [InlineData("tomorrow", null)]
    [InlineData("", null)]
    public void DateValues_ReadIsoDates_AndNothingElse(string text, string? expected)
    {
        Assert.Equal(expected, DateValues.Read(text) is { } date ? DateValues.Write(date) : null);
    }

    [Fact]
    public void Event_SettingTheAttribute_GivesTheDate_AndAnEavWatchReadsTheEav()
    {
        var seen = WatchedDate.In(FourteenDaysBefore, "UPDATE", State(), State(attributes: ("validTill", "2026-12-28")));
        var eav = WatchedDate.In(new DateWatch("EAV:contractEnd", 0), "UPDATE", State(), State(eav: ("contractEnd", "2027-03-31")));

        Assert.Equal(new WatchedDate(true, ContractEnd), seen);
        Assert.Equal(new WatchedDate(true, new DateOnly(2027, 3, 31)), eav);
    }

    [Fact]
    public void Event_RemovingTheAttribute_OrDeletingThePerson_SaysTheDateIsGone()
    {
        Assert.Equal(new WatchedDate(true, null), WatchedDate.In(FourteenDaysBefore, "UPDATE", State(attributes: ("validTill", "2026-12-28")), State()));
        Assert.Equal(new WatchedDate(true, null), WatchedDate.In(FourteenDaysBefore, "UPDATE", State(), State(attributes: ("validTill", null))));
        Assert.Equal(new WatchedDate(true, null), WatchedDate.In(FourteenDaysBefore, "DELETE", State(), State()));
    }

    [Fact]
    public void Event_NotMentioningTheAttribute_ChangesNothing()
    {
        Assert.Equal(WatchedDate.NotMentioned, WatchedDate.In(FourteenDaysBefore, "UPDATE", State(attributes: ("state", "VALID")), State(attributes: ("state", "LEFT"))));
    }

    [Fact]
    public async Task Validator_AcceptsADateWatch_WithRuleAlways()
    {
        var result = await Validator().ValidateAsync(Draft() with { WatchDate = new DateWatch("EAV:contractEnd", -14) }, Ct);

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
    }

    [Fact]
    public async Task Validator_RejectsADateWatch_WithARule_ABadAttribute_ATooFarOffset_OrADigest()
    {
        var result = await Validator().ValidateAsync(Draft() with
        {
            Rule = "state:CHANGED",
            WatchDate = new DateWatch("valid till", 400),
            Digest = new DigestSchedule(EveryMinutes: 60),
        }, Ct);

        Assert.Contains(result.Errors, e => e.PropertyName == "WatchDate.Attribute");
        Assert.Contains(result.Errors, e => e.PropertyName == "WatchDate.OffsetDays");
        Assert.Contains(result.Errors, e => e.PropertyName == "WatchDate" && e.ErrorMessage.Contains("write ! as its rule", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.PropertyName == "WatchDate" && e.ErrorMessage.Contains("digest", StringComparison.Ordinal));
    }

    [Fact]
    public void Configuration_KeepsTheWatch_AndForgetsItWhenTheDraftHasNone()
    {
        var topic = Topic.Create("t", null, new EmailTemplate("s", "h", "t"));
        var configuration = NotificationConfiguration.Create(Draft() with { WatchDate = new DateWatch("validTill", -14) }, topic);

        Assert.Equal(new DateWatch("validTill", -14), configuration.WatchDate);
        configuration.Update(Draft(), topic);
        Assert.Null(configuration.WatchDate);
        Assert.Null(configuration.WatchOffsetDays);
    }

    [Fact]
    public void PlannedRow_CancelledThenBack_IsPlannedAgain_ButAFiredRowIsNot()
    {
        var now = new DateTime(2026, 12, 2, 15, 0, 0, DateTimeKind.Utc);
        var row = PlannedNotification.Plan(1, "Anna.Worker", ContractEnd, new DateOnly(2026, 12, 14), 7, now);

        row.Cancel("validTill changed", now);
        Assert.Equal(PlannedNotificationStatus.Cancelled, row.Status);
        Assert.True(row.Replan(new DateOnly(2026, 12, 14), 9, now));
        Assert.Equal(PlannedNotificationStatus.Planned, row.Status);
        Assert.Equal(9, row.EventId);
        Assert.Equal("anna.worker", row.IdentityKey);
        Assert.False(row.Replan(new DateOnly(2026, 12, 14), 10, now));
    }

    private static TemplateState State((string, string?)? attributes = null, (string, string?)? eav = null) => new(
        attributes is var (a, av) ? new Dictionary<string, string?> { [a] = av } : new Dictionary<string, string?>(),
        eav is var (e, ev) ? new Dictionary<string, string?> { [e] = ev } : new Dictionary<string, string?>());

    private static NotificationConfigurationDraftValidator Validator() => new(new JintNotificationScripts(Options.Create(new ScriptOptions())));

    private static NotificationConfigurationDraft Draft() =>
        new() { EntityType = "IdmIdentity", EventType = "UPDATE", Rule = "!", Topic = "t", SendToIdentity = true };
}
