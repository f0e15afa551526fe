namespace Switchboard.Domain.Jobs;

/// <summary>Where one stored run of a background job stands.</summary>
public enum JobRunOutcome
{
    /// <summary>Under way (or its instance died and nobody has taken the job's lock since).</summary>
    Running,
    Succeeded,
    Failed,
    Skipped,

    /// <summary>Its instance stopped (died or shut down) before the run ended; the next instance to take the job's lock says so.</summary>
    Abandoned,
}
