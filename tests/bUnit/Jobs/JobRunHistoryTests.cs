using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Switchboard.Domain.Access;
using Switchboard.Domain.Jobs;
using Switchboard.Infrastructure.Access;
using Switchboard.Infrastructure.Changes;
using Switchboard.Infrastructure.Jobs;
using Switchboard.Infrastructure.Persistence;
using Switchboard.Portal.Features.Jobs;

namespace Switchboard.ComponentTests.Jobs;

public sealed class JobRunHistoryTests : ComponentTestContext
{
    private const string Job = "sample-job";
    private static readonly DateTime Started = new(2026, 11, 30, 23, 0, 0, DateTimeKind.Utc);

    private readonly string _database = Path.Combine(Path.GetTempPath(), $"switchboard-bunit-{Guid.NewGuid():N}.db");

    public JobRunHistoryTests()
    {
        Services.AddAuditedDatabase(_database);
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton<JobRegistry>();
        Services.AddSingleton<JobStore>();
        Services.AddScoped<AccessGuard>();
        Services.AddScoped<BackgroundJobsService>();
        SignInAs("vera.viewer", PortalRole.Viewer);

        using var db = Services.GetRequiredService<IDbContextFactory<SwitchboardDbContext>>().CreateDbContext();
        db.Database.Migrate();
        _ = new SampleJob(Services.GetRequiredService<JobRegistry>(), Services.GetRequiredService<IServiceScopeFactory>());
    }

    [Fact]
    public void NoRuns_SaysSo()
    {
        var history = Render<JobRunHistory>(p => p.Add(c => c.JobName, Job));

        history.WaitForAssertion(() => Assert.Contains("No runs yet", history.Markup, StringComparison.Ordinal));
    }

    [Fact]
    public void Runs_AreListedNewestFirst_WithOutcomeDurationWhoStartedThemAndTheInstance()
    {
        Store(Run("schedule", "portal-a:11", JobRunOutcome.Succeeded, "3 expired sessions deleted", null, 2.5));
        Store(Run("otto.operator", "portal-b:22", JobRunOutcome.Failed, null, "the database is locked", 1));
        Store(Run("wake", "portal-a:11", JobRunOutcome.Running, null, null, null));

        var history = Render<JobRunHistory>(p => p.Add(c => c.JobName, Job));

        history.WaitForAssertion(() => Assert.Equal(3, history.FindAll("tbody tr").Count));
        var rows = history.FindAll("tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains("Running", rows[0], StringComparison.Ordinal);
        Assert.Contains("running", rows[0], StringComparison.Ordinal);
        Assert.Contains("Failed", rows[1], StringComparison.Ordinal);
        Assert.Contains("the database is locked", rows[1], StringComparison.Ordinal);
        Assert.Contains("otto.operator", rows[1], StringComparison.Ordinal);
        Assert.Contains("portal-b:22", rows[1], StringComparison.Ordinal);
        Assert.Contains("Succeeded", rows[2], StringComparison.Ordinal);
        Assert.Contains("3 expired sessions deleted", rows[2], StringComparison.Ordinal);
        Assert.Contains("2.5 s", rows[2], StringComparison.Ordinal);
    }

    [Fact]
    public void BackgroundJobsPage_ShowsARunStartedOnAnotherInstance_WithoutReload_WhenTheChangeFeedTellsOfIt()
    {
        var page = Render<BackgroundJobsPage>();
        page.WaitForAssertion(() => Assert.Contains(Job, page.Markup, StringComparison.Ordinal));
        Assert.DoesNotContain("Running on", page.Markup, StringComparison.Ordinal);

        Store(Run("bea.other-instance", "portal-b:22", JobRunOutcome.Running, null, null, null));
        Services.GetRequiredService<ChangeFeed>().Publish(ChangeKind.JobState);

        page.WaitForAssertion(() => Assert.Contains("Running on portal-b:22", page.Markup, StringComparison.Ordinal));
    }

    private static JobRun Run(string by, string instance, JobRunOutcome outcome, string? message, string? error, double? seconds)
    {
        var run = JobRun.Start(Job, by, instance, null, Started);
        if (seconds is { } s)
        {
            run.Finish(outcome, message, error, Started.AddSeconds(s));
        }

        return run;
    }

    private void Store(JobRun run)
    {
        using var db = Services.GetRequiredService<IDbContextFactory<SwitchboardDbContext>>().CreateDbContext();
        db.JobRuns.Add(run);
        db.SaveChanges();
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_database);
    }

    /// <summary>A job registered on the page's registry and never started.</summary>
    private sealed class SampleJob(JobRegistry registry, IServiceScopeFactory scopes)
        : PeriodicJob(new JobDescriptor(Job, "A sample job.", TimeSpan.FromHours(1)), registry, scopes, TimeProvider.System, NullLogger.Instance)
    {
        protected override Task<JobRunResult> RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken) =>
            Task.FromResult(JobRunResult.Succeeded());
    }
}
