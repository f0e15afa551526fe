using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Domain.ApiKeys;
using Switchboard.Domain.Jobs;
using Switchboard.Infrastructure.Jobs;

namespace Switchboard.IntegrationTests.Jobs;

/// <summary>Each job's runs are stored with their outcome, who started them and where; the runs API pages them.</summary>
public sealed class JobRunHistoryTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RunNow_IsStoredInTheHistory_WithItsOutcomeWhoStartedItAndTheInstance()
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var jobs = scope.ServiceProvider.GetRequiredService<BackgroundJobsService>();

        var before = await portal.QueryAsync(db => db.JobRuns.MaxAsync(r => (long?)r.Id, Ct)) ?? 0;

        await jobs.RunNowAsync(TestPeople.Operator, DatabaseMaintenanceJob.Name, Ct);

        var run = await Eventually.FoundAsync("the finished run in the history", () => portal.QueryAsync(db => db.JobRuns.AsNoTracking()
            .FirstOrDefaultAsync(r => r.Id > before && r.JobName == DatabaseMaintenanceJob.Name && r.TriggeredBy == "otto.operator" && r.FinishedAt != null, Ct)));
        Assert.Equal(JobRunOutcome.Succeeded, run.Outcome);
        Assert.Contains("deleted", run.Message, StringComparison.Ordinal);
        Assert.Null(run.Error);
        Assert.Equal(JobInstance.Current, run.Instance);
        Assert.Null(run.DueAt);
        Assert.True(run.FinishedAt >= run.StartedAt);
    }

    [Fact]
    public async Task RunsApi_ListsTheJobsRuns_NewestFirst_Paged()
    {
        // Other tests of this class leave schedules that run the same job, so this test reads only the runs it started.
        var client = portal.ClientWithKey(await portal.CreateApiKeyAsync(ApiKeyScopes.JobsRun, ApiKeyScopes.ConfigRead));
        var before = await portal.QueryAsync(db => db.JobRuns.MaxAsync(r => (long?)r.Id, Ct)) ?? 0;
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync($"/api/jobs/{DatabaseMaintenanceJob.Name}/runs", null, Ct)).StatusCode);
            var asked = i + 1;
            await Eventually.MatchesAsync($"run {asked} finished", () => portal.QueryAsync(db => db.JobRuns
                .Where(r => r.JobName == DatabaseMaintenanceJob.Name && r.Id > before && r.TriggeredBy.Contains("test ") && r.FinishedAt != null)
                .CountAsync(Ct)), finished => finished >= asked);
        }

        var page = await client.GetFromJsonAsync<JsonElement>($"/api/jobs/{DatabaseMaintenanceJob.Name}/runs?pageSize=1", Ct);
        var all = await client.GetFromJsonAsync<JsonElement>($"/api/jobs/{DatabaseMaintenanceJob.Name}/runs?pageSize=100", Ct);

        Assert.True(page.GetProperty("totalCount").GetInt32() >= 2);
        var newest = Assert.Single(page.GetProperty("items").EnumerateArray());
        var runs = all.GetProperty("items").EnumerateArray().ToList();
        var ids = runs.Select(r => r.GetProperty("id").GetInt64()).ToList();
        Assert.Equal(ids.OrderDescending(), ids);
        Assert.Equal(ids[0], newest.GetProperty("id").GetInt64());
        var mine = runs.Where(r => r.GetProperty("id").GetInt64() > before && r.GetProperty("triggeredBy").GetString()!.Contains("test ", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, mine.Count);
        Assert.All(mine, r => Assert.Equal("Succeeded", r.GetProperty("outcome").GetString()));
    }

    [Fact]
    public async Task RunsApi_UnknownJob_Is404Problem()
    {
        var client = portal.ClientWithKey(await portal.CreateApiKeyAsync(ApiKeyScopes.ConfigRead));

        var response = await client.GetAsync("/api/jobs/no-such-job/runs", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ScheduledRuns_SkipTheDueTimesAnotherInstanceAlreadyRan()
    {
        _ = portal.Services;
        var before = await portal.QueryAsync(db => db.JobRuns.MaxAsync(r => (long?)r.Id, Ct)) ?? 0;
        var alreadyRun = new JobDescriptor("any", "", TimeSpan.FromSeconds(1)).NextAfter(DateTime.UtcNow.AddSeconds(3))!.Value;
        await StoreSettingAsync(set => set.SetProperty(s => s.LastDueAt, alreadyRun).SetProperty(s => s.Paused, false));

        await using var instance = EverySecond(portal);
        _ = instance.Services;
        var scheduled = await Eventually.FoundAsync("a scheduled run on this instance", () => portal.QueryAsync(db => db.JobRuns.AsNoTracking()
            .Where(r => r.JobName == DatabaseMaintenanceJob.Name && r.DueAt != null && r.Id > before).OrderBy(r => r.Id).FirstOrDefaultAsync(Ct)));

        Assert.True(scheduled.DueAt > alreadyRun, $"ran the due time {scheduled.DueAt:O}, which another instance had run (up to {alreadyRun:O})");
        Assert.Equal(JobTriggers.Schedule, scheduled.TriggeredBy);
    }

    [Fact]
    public async Task PauseStoredByAnotherInstance_StopsThisInstancesSchedule_WithinTheCoordinationInterval()
    {
        _ = portal.Services;
        await StoreSettingAsync(set => set.SetProperty(s => s.Paused, false));
        await using var instance = EverySecond(portal);
        var job = instance.Services.GetRequiredService<JobRegistry>().Find(DatabaseMaintenanceJob.Name)!;
        await Eventually.TrueAsync("the schedule to run", () => portal.QueryAsync(db =>
            db.JobRuns.AnyAsync(r => r.JobName == DatabaseMaintenanceJob.Name && r.DueAt != null, Ct)));

        await StoreSettingAsync(set => set.SetProperty(s => s.Paused, true).SetProperty(s => s.ChangedBy, "bea.other-instance"));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await Eventually.TrueAsync("this instance to see the pause", () => job.Status is { Paused: true, PausedBy: "bea.other-instance" });
        Assert.True(clock.Elapsed <= CoordinationInterval + TimeSpan.FromSeconds(4), $"the pause reached this instance after {clock.Elapsed}");

        var pausedSeen = DateTime.UtcNow;
        await Eventually.TrueAsync("a due time to pass while paused", () => job.Status.NextRunAt >= pausedSeen.AddSeconds(2));
        var runsSincePause = await portal.QueryAsync(db => db.JobRuns.AsNoTracking()
            .Where(r => r.JobName == DatabaseMaintenanceJob.Name && r.TriggeredBy == JobTriggers.Schedule && r.StartedAt > pausedSeen).CountAsync(Ct));
        Assert.Equal(0, runsSincePause);
        await StoreSettingAsync(set => set.SetProperty(s => s.Paused, false));
    }

    [Fact]
    public async Task RunNowStoredByAnotherInstance_IsPickedUpByThisInstance_AndRecordedAsTheirs()
    {
        // A run under way when the request is stored answers it (Run now pressed on two instances at once is one run),
        // so the request is stored once the runs other tests of this class asked for are over.
        var job = portal.Services.GetRequiredService<JobRegistry>().Find(DatabaseMaintenanceJob.Name)!;
        await Eventually.TrueAsync("no run under way", async () => !job.Status.Running
            && !await portal.QueryAsync(db => db.JobRuns.AnyAsync(r => r.JobName == DatabaseMaintenanceJob.Name && r.Outcome == JobRunOutcome.Running, Ct)));
        await StoreSettingAsync(set => set.SetProperty(s => s.RunRequestedBy, "bea.other-instance").SetProperty(s => s.RunRequestedAt, DateTime.UtcNow));

        var run = await Eventually.FoundAsync("the stored request's run", () => portal.QueryAsync(db => db.JobRuns.AsNoTracking()
            .FirstOrDefaultAsync(r => r.JobName == DatabaseMaintenanceJob.Name && r.TriggeredBy == "bea.other-instance" && r.FinishedAt != null, Ct)));

        Assert.Equal(JobRunOutcome.Succeeded, run.Outcome);
        var setting = await portal.QueryAsync(db => db.JobSettings.AsNoTracking().SingleAsync(s => s.JobName == DatabaseMaintenanceJob.Name, Ct));
        Assert.Null(setting.RunRequestedBy);
    }

    [Fact]
    public async Task RunLeftRunningByAnInstanceThatDied_IsMarkedAbandoned_ByTheNextRun()
    {
        await using (var db = await portal.DbAsync())
        {
            db.JobRuns.Add(JobRun.Start(DatabaseMaintenanceJob.Name, JobTriggers.Schedule, "dead-host:1", null, DateTime.UtcNow.AddMinutes(-1)));
            await db.SaveChangesAsync(Ct);
        }

        await using var scope = portal.Services.CreateAsyncScope();
        var before = await portal.QueryAsync(db => db.JobRuns.MaxAsync(r => (long?)r.Id, Ct)) ?? 0;
        await scope.ServiceProvider.GetRequiredService<BackgroundJobsService>().RunNowAsync(TestPeople.Operator, DatabaseMaintenanceJob.Name, Ct);

        await Eventually.TrueAsync("the next run to finish", () => portal.QueryAsync(db => db.JobRuns
            .AnyAsync(r => r.Id > before && r.TriggeredBy == "otto.operator" && r.FinishedAt != null, Ct)));
        var left = await portal.QueryAsync(db => db.JobRuns.AsNoTracking().SingleAsync(r => r.Instance == "dead-host:1", Ct));
        Assert.Equal(JobRunOutcome.Abandoned, left.Outcome);
        Assert.NotNull(left.FinishedAt);
        Assert.Contains("stopped before the run ended", left.Error, StringComparison.Ordinal);
    }

    private static readonly TimeSpan CoordinationInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>Another portal on the same database, with the maintenance job due every second.</summary>
    private static WebApplicationFactory<Program> EverySecond(PortalFactory portal) => portal.WithWebHostBuilder(b => b
        .UseSetting("Jobs:DatabaseMaintenance:Interval", "00:00:01")
        .UseSetting("Jobs:CoordinationInterval", CoordinationInterval.ToString("c")));

    /// <summary>Writes the maintenance job's settings row as another instance would.</summary>
    private async Task StoreSettingAsync(Func<Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<JobSetting>, Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<JobSetting>> change)
    {
        await using var db = await portal.DbAsync();
        if (!await db.JobSettings.AnyAsync(s => s.JobName == DatabaseMaintenanceJob.Name, Ct))
        {
            db.JobSettings.Add(JobSetting.For(DatabaseMaintenanceJob.Name));
            await db.SaveChangesAsync(Ct);
        }

        await db.JobSettings.Where(s => s.JobName == DatabaseMaintenanceJob.Name).ExecuteUpdateAsync(set => change(set), Ct);
    }
}
