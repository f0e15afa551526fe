using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Domain.Jobs;
using Switchboard.Infrastructure.Jobs;

namespace Switchboard.IntegrationTests.Jobs;

/// <summary>
/// A Run now or wake that another instance's run has answered starts no second run (decision 0009): Run now pressed on two
/// instances at once makes one run, whether the second instance found the lock held (and stored the request) or took the
/// freed lock after the first run ended; a wake that came while that run was under way still runs.
/// </summary>
public sealed class RequestAnsweredElsewhereTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private const string OtherInstance = "other-host:4343";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RunNowPressedHere_WhileAnotherInstancesRunWasUnderWay_IsAnsweredByThatRun()
    {
        var job = JobName();
        var pressedAt = DateTime.UtcNow;
        await StoreOtherInstancesRunAsync(job, startedAt: pressedAt.AddSeconds(-2), finishedAt: pressedAt.AddMilliseconds(500));

        var run = await BeginAsync(job, new JobRunCause("otto.operator", AskedHereAt: pressedAt));

        Assert.Null(run);
    }

    [Fact]
    public async Task RunNowPressedHere_AfterAnotherInstancesRunEnded_Runs()
    {
        var job = JobName();
        var pressedAt = DateTime.UtcNow;
        await StoreOtherInstancesRunAsync(job, startedAt: pressedAt.AddSeconds(-2), finishedAt: pressedAt.AddSeconds(-1));

        var run = await BeginAsync(job, new JobRunCause("otto.operator", AskedHereAt: pressedAt));

        Assert.Equal("otto.operator", run?.TriggeredBy);
    }

    [Fact]
    public async Task WakeHere_WhileAnotherInstancesRunWasUnderWay_Runs_ForThatRunMayNotHaveSeenItsWork()
    {
        var job = JobName();
        var wokenAt = DateTime.UtcNow;
        await StoreOtherInstancesRunAsync(job, startedAt: wokenAt.AddSeconds(-2), finishedAt: wokenAt.AddMilliseconds(500));

        var run = await BeginAsync(job, new JobRunCause(JobTriggers.Wake, AskedHereAt: wokenAt));

        Assert.Equal(JobTriggers.Wake, run?.TriggeredBy);
    }

    [Fact]
    public async Task StoredWake_AnsweredOnlyByARunThatStartedAfterIt()
    {
        var job = JobName();
        await using var scope = portal.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<JobStore>();
        await store.RequestRunAsync(job, JobTriggers.Wake, Ct);
        var wokenAt = await portal.QueryAsync(db => db.JobSettings.Where(s => s.JobName == job).Select(s => s.RunRequestedAt!.Value).SingleAsync(Ct));
        await StoreOtherInstancesRunAsync(job, startedAt: wokenAt.AddSeconds(-2), finishedAt: wokenAt.AddMilliseconds(500));

        var run = await store.BeginLockedRunAsync(job, new JobRunCause(JobTriggers.Wake, Stored: true), Ct);

        Assert.NotNull(run);
    }

    [Fact]
    public async Task StoredRunNow_AnsweredByARunThatEndedAfterIt()
    {
        var job = JobName();
        await using var scope = portal.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<JobStore>();
        await store.RequestRunAsync(job, "otto.operator", Ct);
        var pressedAt = await portal.QueryAsync(db => db.JobSettings.Where(s => s.JobName == job).Select(s => s.RunRequestedAt!.Value).SingleAsync(Ct));
        await StoreOtherInstancesRunAsync(job, startedAt: pressedAt.AddSeconds(-2), finishedAt: pressedAt.AddMilliseconds(500));

        var run = await store.BeginLockedRunAsync(job, new JobRunCause("otto.operator", Stored: true), Ct);

        Assert.Null(run);
        Assert.Null(await portal.QueryAsync(db => db.JobSettings.Where(s => s.JobName == job).Select(s => s.RunRequestedAt).SingleAsync(Ct)));
    }

    /// <summary>A job no hosted service runs, so that only the test starts its runs.</summary>
    private static string JobName() => $"answered-{Guid.NewGuid():N}";

    private async Task<JobRun?> BeginAsync(string job, JobRunCause cause)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<JobStore>().BeginLockedRunAsync(job, cause, Ct);
    }

    private async Task StoreOtherInstancesRunAsync(string job, DateTime startedAt, DateTime finishedAt)
    {
        var run = JobRun.Start(job, "bea.other-instance", OtherInstance, null, startedAt);
        run.Finish(JobRunOutcome.Succeeded, "done", null, finishedAt);
        await using var db = await portal.DbAsync();
        db.JobRuns.Add(run);
        await db.SaveChangesAsync(Ct);
    }
}
