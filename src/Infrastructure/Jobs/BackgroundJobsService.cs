using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Switchboard.Domain;
using Switchboard.Domain.Access;
using Switchboard.Domain.ApiKeys;
using Switchboard.Domain.Audit;
using Switchboard.Domain.Jobs;
using Switchboard.Infrastructure.Access;
using Switchboard.Infrastructure.Jobs;
using Switchboard.Infrastructure.Persistence;

namespace Switchboard.Infrastructure.Jobs;

/// <summary>
/// Shows the background jobs (every hosted service: scheduled jobs, the broker consumers, the listener monitor) and lets
/// Operators run them now (the job handle, as every Run now button does) and Admins pause or resume a schedule.
/// </summary>
public sealed class BackgroundJobsService(
    JobRegistry registry,
    IDbContextFactory<SwitchboardDbContext> contextFactory,
    JobStore store,
    AccessGuard guard,
    IAuditLog audit,
    TimeProvider time)
{
    private const string ObjectType = "job";

    /// <summary>Every job's state, its last run from <paramref name="stored"/> when another instance ran a later one.</summary>
    public IReadOnlyList<JobStatus> List(NewestRuns stored) => registry.Statuses().Select(stored.Over).ToList();

    public async Task<IReadOnlyList<JobStatus>> ListAsync(CancellationToken cancellationToken) => List(await NewestRunsAsync(cancellationToken));

    /// <returns>The job's state (see <see cref="List"/>), or null when there is no such job.</returns>
    public JobStatus? Find(string name, NewestRuns stored) => registry.Find(name)?.Status is { } status ? stored.Over(status) : null;

    /// <summary>The newest stored run of each job, from every instance (one row per job through the (JobName, Id) index).</summary>
    public async Task<NewestRuns> NewestRunsAsync(CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var newest = new Dictionary<string, JobRunView>(StringComparer.Ordinal);
        foreach (var name in registry.Statuses().Where(s => !s.Continuous && !s.Startup).Select(s => s.Name))
        {
            var run = await db.JobRuns.AsNoTracking().Where(r => r.JobName == name).OrderByDescending(r => r.Id)
                .Select(r => new JobRunView(r.Id, r.JobName, r.StartedAt, r.FinishedAt, null, r.Outcome, r.Message, r.Error, r.TriggeredBy, r.Instance, r.DueAt))
                .FirstOrDefaultAsync(cancellationToken);
            if (run is not null)
            {
                newest[name] = run;
            }
        }

        return new NewestRuns(newest);
    }

    /// <summary>The job's stored runs, newest first, from every instance.</summary>
    /// <returns>A page of runs, or null when there is no such job.</returns>
    public async Task<Paged<JobRunView>?> RunsAsync(string name, int page, int pageSize, CancellationToken cancellationToken) =>
        registry.Find(name) is null ? null : await store.RunsAsync(name, page, pageSize, cancellationToken);

    /// <returns>
    /// The job's state after the request, or null when there is no such job. A job that runs only at start-up is not
    /// asked (its <see cref="JobStatus.RunNowUnavailableBecause"/> says why).
    /// </returns>
    public async Task<JobStatus?> RunNowAsync(ClaimsPrincipal caller, string name, CancellationToken cancellationToken)
    {
        var actor = await guard.DemandAsync(caller, PortalRole.Operator, ApiKeyScopes.JobsRun, AuditActions.JobRunRequested, ObjectType, name, cancellationToken);
        var job = registry.Find(name);
        if (job is null || job.Status.RunNowUnavailableBecause is not null)
        {
            return job?.Status;
        }

        await audit.WriteAsync(new AuditRecord(actor, AuditActions.JobRunRequested, ObjectType, name), cancellationToken);
        job.RequestRun(actor.Name);
        return job.Status;
    }

    public async Task SetPausedAsync(ClaimsPrincipal caller, string name, bool paused, CancellationToken cancellationToken)
    {
        var action = paused ? AuditActions.JobPaused : AuditActions.JobResumed;
        var actor = await guard.DemandAsync(caller, PortalRole.Admin, ApiKeyScopes.ConfigWrite, action, ObjectType, name, cancellationToken);
        var job = registry.Find(name) ?? throw new NotFoundException($"There is no background job named '{name}'.");
        if (job.Descriptor.Continuous || job.Descriptor.Startup)
        {
            throw new InvalidOperationException($"{name} {(job.Descriptor.Startup ? "runs once at start-up" : "runs all the time")} and has no schedule to pause.");
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var setting = await db.JobSettings.SingleOrDefaultAsync(s => s.JobName == name, cancellationToken);
        if (setting is null)
        {
            setting = JobSetting.For(name);
            db.JobSettings.Add(setting);
        }

        setting.SetPaused(paused, actor.Name, time.GetUtcNow().UtcDateTime);
        db.Audit(new AuditRecord(actor, action, ObjectType, name));
        await db.SaveChangesAsync(cancellationToken);
        job.SetPaused(paused, actor.Name);
    }
}
