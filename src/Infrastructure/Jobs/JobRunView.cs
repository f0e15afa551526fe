using Switchboard.Domain.Jobs;

namespace Switchboard.Infrastructure.Jobs;

/// <summary>One stored run of a job, as the Background jobs page and the jobs API show it.</summary>
/// <param name="Duration">Null while the run is under way (or was left running by an instance that died).</param>
/// <param name="Instance">The instance that ran it: machine name and process id.</param>
public sealed record JobRunView(
    long Id,
    string JobName,
    DateTime StartedAt,
    DateTime? FinishedAt,
    TimeSpan? Duration,
    JobRunOutcome Outcome,
    string? Message,
    string? Error,
    string TriggeredBy,
    string Instance,
    DateTime? DueAt);
