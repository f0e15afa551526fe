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

    public IReadOnlyList<JobStatus> List() => registry.Statuses();

    /// <returns>The job's state, or null when there is no such job.</returns>
    public JobStatus? Find(string name) => registry.Find(name)?.Status;

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
