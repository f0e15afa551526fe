using Microsoft.EntityFrameworkCore;
using Switchboard.Domain;
using Switchboard.Domain.Jobs;
using Switchboard.Infrastructure.Persistence;

namespace Switchboard.Infrastructure.Jobs;

/// <summary>
/// The stored side of the background jobs, shared by every instance: each job's settings (paused, last due time run,
/// a pending Run now) and its run history.
/// </summary>
public sealed class JobStore(IDbContextFactory<SwitchboardDbContext> contextFactory, TimeProvider time)
{
    private const string AbandonedError = "its instance stopped before the run ended";

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>The job's stored settings, or null when nothing was ever stored for it.</summary>
    public async Task<JobSetting?> SettingAsync(string jobName, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.JobSettings.AsNoTracking().SingleOrDefaultAsync(s => s.JobName == jobName, cancellationToken);
    }

    /// <summary>
    /// Whether a run of the job is stored as running. Read by an instance that is not running the job: when it can then
    /// take the job's lock, the instance that started that run is gone (decision 0009), and the run is taken up.
    /// </summary>
    public async Task<bool> HasUnfinishedRunAsync(string jobName, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.JobRuns.AnyAsync(r => r.JobName == jobName && r.Outcome == JobRunOutcome.Running, cancellationToken);
    }

    /// <summary>
    /// Stores a Run now for whichever instance takes the job's lock next; a request while one is pending is the same
    /// request (the first asker is kept).
    /// </summary>
    public async Task RequestRunAsync(string jobName, string requestedBy, CancellationToken cancellationToken)
    {
        await EnsureSettingAsync(jobName, cancellationToken);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var now = Now;
        var by = requestedBy.Length > JobRun.TriggeredByMaxLength ? requestedBy[..JobRun.TriggeredByMaxLength] : requestedBy;
        await db.JobSettings.Where(s => s.JobName == jobName && s.RunRequestedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.RunRequestedBy, by).SetProperty(s => s.RunRequestedAt, now), cancellationToken);
    }

    /// <summary>
    /// Starts a run of a job whose lock this instance holds: takes a pending Run now with it, skips a due time another
    /// instance has already run, skips a request another instance's run has answered, marks runs left "Running" by an
    /// instance that died as abandoned, and stores the new run.
    /// </summary>
    /// <returns>
    /// The stored run, or null when the due time was already run and nobody asked for a run, or when what was stored or
    /// asked here has been answered by another instance.
    /// </returns>
    public async Task<JobRun?> BeginLockedRunAsync(string jobName, JobRunCause cause, CancellationToken cancellationToken)
    {
        await EnsureSettingAsync(jobName, cancellationToken);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var setting = await db.JobSettings.SingleAsync(s => s.JobName == jobName, cancellationToken);
        var requestedAt = setting.RunRequestedAt;
        var requestedBy = setting.TakeRunRequest();
        if (requestedBy is not null && requestedAt is { } askedAt && await AnsweredAsync(db, jobName, requestedBy, askedAt, exceptInstance: null, cancellationToken))
        {
            // Stored by an instance that found the lock held while a run was under way: that run answered it (Run now
            // pressed on two instances at once makes one run).
            requestedBy = null;
        }

        var triggeredBy = cause.TriggeredBy;
        var due = cause.Due;
        var unfinished = await db.JobRuns.AnyAsync(r => r.JobName == jobName && r.Outcome == JobRunOutcome.Running, cancellationToken);
        var answered = cause.Stored
            ? triggeredBy == JobTriggers.Takeover ? !unfinished && requestedBy is null : requestedBy is null
            : due is null && cause.AskedHereAt is { } askedHereAt && requestedBy is null
              && await AnsweredAsync(db, jobName, triggeredBy, askedHereAt, JobInstance.Current, cancellationToken);
        if (answered)
        {
            // What this instance read is answered (another instance took the request, or finished the run it thought
            // left), or what was asked here reached it while another instance's run was under way and that run answered it.
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }

        if (due is { } dueAt)
        {
            if (setting.HasRun(dueAt) && requestedBy is null)
            {
                return null;
            }

            setting.MarkDue(dueAt);
        }

        var now = Now;
        if (triggeredBy == JobTriggers.Takeover)
        {
            // Says whose run is taken up; with nothing left to take up, the stored Run now is what runs.
            var stopped = await db.JobRuns.AsNoTracking().Where(r => r.JobName == jobName && r.Outcome == JobRunOutcome.Running)
                .OrderBy(r => r.Id).Select(r => r.TriggeredBy).FirstOrDefaultAsync(cancellationToken);
            triggeredBy = stopped is not null ? $"{JobTriggers.Takeover} (asked by {stopped})" : requestedBy ?? triggeredBy;
        }

        await db.JobRuns.Where(r => r.JobName == jobName && r.Outcome == JobRunOutcome.Running)
            .ExecuteUpdateAsync(set => set
                .SetProperty(r => r.Outcome, JobRunOutcome.Abandoned)
                .SetProperty(r => r.FinishedAt, now)
                .SetProperty(r => r.Error, AbandonedError), cancellationToken);
        var run = JobRun.Start(jobName, triggeredBy == JobTriggers.Schedule && requestedBy is not null ? requestedBy : triggeredBy, JobInstance.Current, due, now);
        db.JobRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        return run;
    }

    /// <summary>Stores the start of a run of a job that every instance runs (no lock, no due time).</summary>
    public async Task<JobRun> BeginRunAsync(string jobName, string triggeredBy, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var run = JobRun.Start(jobName, triggeredBy, JobInstance.Current, null, Now);
        db.JobRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        return run;
    }

    public async Task FinishRunAsync(JobRun run, JobRunOutcome outcome, string? message, string? error, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        db.JobRuns.Attach(run);
        run.Finish(outcome, message, error, Now);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Marks a run this instance could not finish (it is shutting down) as abandoned.</summary>
    public Task AbandonRunAsync(JobRun run, CancellationToken cancellationToken) =>
        FinishRunAsync(run, JobRunOutcome.Abandoned, null, AbandonedError, cancellationToken);

    /// <summary>One job's runs, newest first.</summary>
    public async Task<Paged<JobRunView>> RunsAsync(string jobName, int page, int pageSize, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var runs = db.JobRuns.AsNoTracking().Where(r => r.JobName == jobName);
        var (total, atLeast) = await runs.CountUpToLimitAsync(cancellationToken);
        var rows = await runs.OrderByDescending(r => r.Id).Skip(page * pageSize).Take(pageSize)
            .Select(r => new { r.Id, r.JobName, r.StartedAt, r.FinishedAt, r.Outcome, r.Message, r.Error, r.TriggeredBy, r.Instance, r.DueAt })
            .ToListAsync(cancellationToken);
        return new Paged<JobRunView>(
            [.. rows.Select(r => new JobRunView(r.Id, r.JobName, r.StartedAt, r.FinishedAt, r.FinishedAt - r.StartedAt, r.Outcome, r.Message, r.Error, r.TriggeredBy, r.Instance, r.DueAt))],
            total, atLeast);
    }

    /// <summary>Deletes every job's runs that started before <paramref name="cutoff"/>.</summary>
    public async Task<int> DeleteRunsBeforeAsync(DateTime cutoff, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.JobRuns.Where(r => r.StartedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>
    /// Whether a run has answered a request made at <paramref name="askedAt"/>: a person's Run now by a run that finished
    /// after it (pressed while a run was under way, that run is the one they asked for); a wake by a run that started
    /// after it (it brings work the run under way may not have seen).
    /// </summary>
    /// <param name="exceptInstance">An instance whose runs do not count (this one, for what was asked here), or null.</param>
    private static Task<bool> AnsweredAsync(SwitchboardDbContext db, string jobName, string askedBy, DateTime askedAt, string? exceptInstance, CancellationToken cancellationToken)
    {
        var runs = db.JobRuns.Where(r => r.JobName == jobName && r.Outcome != JobRunOutcome.Running && (exceptInstance == null || r.Instance != exceptInstance));
        return askedBy == JobTriggers.Wake
            ? runs.AnyAsync(r => r.StartedAt >= askedAt, cancellationToken)
            : runs.AnyAsync(r => r.FinishedAt >= askedAt, cancellationToken);
    }

    /// <summary>Stores an empty settings row for the job unless one exists (two instances starting at once: one wins).</summary>
    private async Task EnsureSettingAsync(string jobName, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (await db.JobSettings.AnyAsync(s => s.JobName == jobName, cancellationToken))
        {
            return;
        }

        db.JobSettings.Add(JobSetting.For(jobName));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another instance stored it first; anything else fails again on the next statement.
        }
    }
}
