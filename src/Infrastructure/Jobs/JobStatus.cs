namespace Switchboard.Infrastructure.Jobs;

/// <summary>A snapshot of one background job for the Background jobs page and the jobs API.</summary>
/// <param name="TriggeredBy">Who asked for the current or last run: <see cref="JobTriggers.Schedule"/>, or the person or job that asked.</param>
/// <param name="Continuous">The job runs all the time (see <see cref="JobDescriptor.Continuous"/>).</param>
/// <param name="Activity">What a continuous job is doing now, in a line (e.g. <c>connected · 1,200 msg/s</c>).</param>
/// <param name="Degraded">A continuous job cannot do its work right now (e.g. the broker is unreachable).</param>
/// <param name="Startup">The job ran once while the portal started (see <see cref="JobDescriptor.Startup"/>).</param>
/// <param name="Instance">The other instance that runs or ran the run shown (see <see cref="NewestRuns"/>); null when it is this one.</param>
public sealed record JobStatus(
    string Name,
    string Description,
    string Schedule,
    bool Paused,
    string? PausedBy,
    bool Running,
    DateTime? LastRunStartedAt,
    DateTime? LastRunFinishedAt,
    JobOutcome? LastOutcome,
    string? LastMessage,
    string? LastError,
    DateTime? NextRunAt,
    string? TriggeredBy = null,
    bool Continuous = false,
    string? Activity = null,
    bool Degraded = false,
    bool Startup = false,
    string? Instance = null)
{
    /// <summary>Why Run now does nothing for this job, in a sentence; null when it runs on request.</summary>
    public string? RunNowUnavailableBecause => Startup ? $"{Name} runs once while the portal starts; restart the portal to run it again." : null;
}
