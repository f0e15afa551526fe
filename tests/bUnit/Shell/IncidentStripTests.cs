using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Switchboard.Domain.Access;
using Switchboard.Domain.Jobs;
using Switchboard.Domain.Listeners;
using Switchboard.Domain.Notifications;
using Switchboard.Domain.Retries;
using Switchboard.Infrastructure.Incidents;
using Switchboard.Infrastructure.Jobs;
using Switchboard.Infrastructure.Persistence;
using Switchboard.Portal.Components.Layout;

namespace Switchboard.ComponentTests.Shell;

public sealed class IncidentStripTests : ComponentTestContext
{
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"switchboard-bunit-{Guid.NewGuid():N}.db");
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);

    public IncidentStripTests()
    {
        Services.AddAuditedDatabase(_database);
        Services.AddSingleton<TimeProvider>(_clock);
        Services.AddSingleton<JobRegistry>();
        Services.AddSingleton<IncidentReader>();
        SignInAs("vera.viewer", PortalRole.Viewer);
        using var db = Db();
        db.Database.Migrate();
    }

    [Fact]
    public void NothingNeedsAttention_TheStripIsQuiet()
    {
        var strip = Render<IncidentStrip>();

        strip.WaitForAssertion(() => Assert.Contains("Nothing needs attention", strip.Markup, StringComparison.Ordinal));
        Assert.Empty(strip.FindAll("a"));
    }

    [Fact]
    public void ADownDeploymentAndADeadMessage_AreLinksToTheirLists()
    {
        AddDownDeployment("listener-a");
        AddDeadMessage();

        var strip = Render<IncidentStrip>();

        strip.WaitForAssertion(() =>
        {
            var links = strip.FindAll("a").ToDictionary(a => a.TextContent.Trim(), a => a.GetAttribute("href"));
            Assert.Equal("/listeners?state=Down", links["1 deployment Down"]);
            Assert.Equal("/notifications?tab=delivery-log&status=Dead", links["1 dead message"]);
        });
    }

    [Fact]
    public void ADeadMessageArrivingWhileThePageIsOpen_AppearsWithoutReload()
    {
        var strip = Render<IncidentStrip>();
        strip.WaitForAssertion(() => Assert.Contains("Nothing needs attention", strip.Markup, StringComparison.Ordinal));

        AddDeadMessage();
        _clock.Advance(IncidentReader.Freshness + TimeSpan.FromSeconds(1));

        strip.WaitForAssertion(() => Assert.Contains("1 dead message", strip.Markup, StringComparison.Ordinal));
    }

    [Fact]
    public void AJobWhoseLastRunFailed_OnAnyInstance_IsListed_AndOneThatRecoveredIsNot()
    {
        var registry = Services.GetRequiredService<JobRegistry>();
        registry.Register(new JobDescriptor("nightly-sync", "Syncs.", TimeSpan.FromHours(1)), TimeProvider.System);
        registry.Register(new JobDescriptor("cleanup", "Cleans.", TimeSpan.FromHours(1)), TimeProvider.System);
        AddRun("nightly-sync", JobRunOutcome.Succeeded, "other-host:1");
        AddRun("nightly-sync", JobRunOutcome.Failed, "other-host:1");
        AddRun("cleanup", JobRunOutcome.Failed, "other-host:1");
        AddRun("cleanup", JobRunOutcome.Succeeded, "this-host:2");

        var strip = Render<IncidentStrip>();

        strip.WaitForAssertion(() => Assert.Contains("1 background job failed: nightly-sync", strip.Markup, StringComparison.Ordinal));
        Assert.DoesNotContain("cleanup", strip.Markup, StringComparison.Ordinal);
    }

    private void AddRun(string job, JobRunOutcome outcome, string instance)
    {
        using var db = Db();
        var now = _clock.GetUtcNow().UtcDateTime;
        var run = JobRun.Start(job, JobTriggers.Schedule, instance, null, now);
        run.Finish(outcome, null, outcome == JobRunOutcome.Failed ? "boom" : null, now);
        db.JobRuns.Add(run);
        db.SaveChanges();
    }

    private void AddDownDeployment(string name)
    {
        using var db = Db();
        var status = DeploymentStatus.New(name, _clock.GetUtcNow().UtcDateTime);
        status.Record(new ProbeResult(false, null, null, null, "refused"), _clock.GetUtcNow().UtcDateTime, downAfter: 1, TimeSpan.FromSeconds(5));
        db.DeploymentStatuses.Add(status);
        db.SaveChanges();
    }

    private void AddDeadMessage()
    {
        using var db = Db();
        var now = _clock.GetUtcNow().UtcDateTime;
        var message = OutboxMessage.Queue(0, 0, "strip", NotificationLevel.Info, "someone@example.test", null, "s", "h", "t", now);
        message.MarkFailed("550 no such user", now, new RetrySchedule(1, TimeSpan.FromMinutes(1)));
        db.OutboxMessages.Add(message);
        db.SaveChanges();
    }

    private SwitchboardDbContext Db() => Services.GetRequiredService<IDbContextFactory<SwitchboardDbContext>>().CreateDbContext();
}
