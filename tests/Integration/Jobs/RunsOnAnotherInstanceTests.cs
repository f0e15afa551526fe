using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Domain.Jobs;
using Switchboard.Infrastructure.Jobs;

namespace Switchboard.IntegrationTests.Jobs;

/// <summary>Background jobs shows a run another instance started or finished, from the stored history, not only this instance's own.</summary>
public sealed class RunsOnAnotherInstanceTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private const string OtherInstance = "other-host:4242";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RunOnAnotherInstance_ShowsAsRunningThere_ThenWithItsOutcome()
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var jobs = scope.ServiceProvider.GetRequiredService<BackgroundJobsService>();
        var run = JobRun.Start(DatabaseMaintenanceJob.Name, "bea.other-instance", OtherInstance, null, DateTime.UtcNow);
        await using (var db = await portal.DbAsync())
        {
            db.JobRuns.Add(run);
            await db.SaveChangesAsync(Ct);
        }

        var running = (await jobs.ListAsync(Ct)).Single(j => j.Name == DatabaseMaintenanceJob.Name);
        Assert.True(running.Running);
        Assert.Equal(OtherInstance, running.Instance);
        Assert.Equal("bea.other-instance", running.TriggeredBy);

        await using (var db = await portal.DbAsync())
        {
            await db.JobRuns.Where(r => r.Id == run.Id).ExecuteUpdateAsync(set => set
                .SetProperty(r => r.Outcome, JobRunOutcome.Failed)
                .SetProperty(r => r.Error, "the disk is full")
                .SetProperty(r => r.FinishedAt, DateTime.UtcNow), Ct);
        }

        var finished = jobs.Find(DatabaseMaintenanceJob.Name, await jobs.NewestRunsAsync(Ct))!;
        Assert.False(finished.Running);
        Assert.Equal((JobOutcome.Failed, "the disk is full", OtherInstance), (finished.LastOutcome, finished.LastError, finished.Instance));
    }

    [Fact]
    public async Task RunOfThisInstance_IsShownFromItsOwnState()
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var jobs = scope.ServiceProvider.GetRequiredService<BackgroundJobsService>();
        var before = await portal.QueryAsync(db => db.JobRuns.MaxAsync(r => (long?)r.Id, Ct)) ?? 0;

        await jobs.RunNowAsync(TestPeople.Operator, DatabaseMaintenanceJob.Name, Ct);
        await Eventually.TrueAsync("the run to finish", () => portal.QueryAsync(db => db.JobRuns
            .AnyAsync(r => r.Id > before && r.JobName == DatabaseMaintenanceJob.Name && r.FinishedAt != null, Ct)));

        var status = await Eventually.MatchesAsync("the job's own state after the run", async () =>
            (await jobs.ListAsync(Ct)).Single(j => j.Name == DatabaseMaintenanceJob.Name), s => !s.Running && s.LastOutcome is not null);
        Assert.Null(status.Instance);
        Assert.Equal(JobOutcome.Succeeded, status.LastOutcome);
        Assert.Equal("otto.operator", status.TriggeredBy);
    }
}
