using Switchboard.Domain.Jobs;

namespace Switchboard.Infrastructure.Jobs;

/// <summary>
/// The newest stored run of each job, from the history every instance writes: lets this instance show a run under way
/// or finished on another instance, which its own job handles know nothing of.
/// </summary>
public sealed class NewestRuns(IReadOnlyDictionary<string, JobRunView> byJob)
{
    public static readonly NewestRuns None = new(new Dictionary<string, JobRunView>());

    /// <summary>
    /// The job's state as this instance knows it, with the last run replaced by the stored one when another instance
    /// started a later run (a continuous or start-up job runs on every instance and keeps its own state).
    /// </summary>
    public JobStatus Over(JobStatus local)
    {
        if (local.Continuous || local.Startup || local.Running || !byJob.TryGetValue(local.Name, out var run)
            || run.Instance == JobInstance.Current || run.StartedAt <= local.LastRunStartedAt)
        {
            return local;
        }

        var running = run.Outcome == JobRunOutcome.Running;
        return local with
        {
            Running = running,
            Instance = run.Instance,
            LastRunStartedAt = run.StartedAt,
            LastRunFinishedAt = running ? local.LastRunFinishedAt : run.FinishedAt,
            LastOutcome = running ? local.LastOutcome : run.Outcome switch
            {
                JobRunOutcome.Succeeded => JobOutcome.Succeeded,
                JobRunOutcome.Skipped => JobOutcome.Skipped,
                _ => JobOutcome.Failed,
            },
            LastMessage = running ? local.LastMessage : run.Message,
            LastError = running ? local.LastError : run.Error,
            TriggeredBy = run.TriggeredBy,
        };
    }
}
