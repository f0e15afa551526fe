using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Infrastructure.Jobs;

namespace Switchboard.IntegrationTests.Jobs;

/// <summary>Pausing a job stops its schedule and the wakes other parts send it; a person's Run now still runs it.</summary>
public sealed class PausedJobTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PausedJob_IsNotRunByAWake_ButIsByAPersonsRunNow()
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var jobs = scope.ServiceProvider.GetRequiredService<BackgroundJobsService>();
        var job = portal.Services.GetRequiredService<JobRegistry>().Find(DatabaseMaintenanceJob.Name)!;
        await jobs.SetPausedAsync(TestPeople.Admin, DatabaseMaintenanceJob.Name, paused: true, Ct);
        await Eventually.TrueAsync("the job to be paused", () => job.Status.Paused);
        var before = await portal.QueryAsync(db => db.JobRuns.MaxAsync(r => (long?)r.Id, Ct)) ?? 0;

        job.RequestRun();
        job.RequestRun("otto.operator");

        await Eventually.TrueAsync("the person's run to finish", () => portal.QueryAsync(db => db.JobRuns
            .AnyAsync(r => r.Id > before && r.JobName == DatabaseMaintenanceJob.Name && r.TriggeredBy == "otto.operator" && r.FinishedAt != null, Ct)));
        job.RequestRun();
        await jobs.RunNowAsync(TestPeople.Operator, DatabaseMaintenanceJob.Name, Ct);
        await Eventually.MatchesAsync("the second Run now to finish", () => portal.QueryAsync(db => db.JobRuns
            .CountAsync(r => r.Id > before && r.JobName == DatabaseMaintenanceJob.Name && r.FinishedAt != null, Ct)), finished => finished >= 2);

        var triggers = await portal.QueryAsync(db => db.JobRuns.AsNoTracking()
            .Where(r => r.Id > before && r.JobName == DatabaseMaintenanceJob.Name).OrderBy(r => r.Id).Select(r => r.TriggeredBy).ToListAsync(Ct));
        Assert.Equal(["otto.operator", "otto.operator"], triggers);
    }
}
