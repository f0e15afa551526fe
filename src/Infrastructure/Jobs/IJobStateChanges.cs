namespace Switchboard.Infrastructure.Jobs;

/// <summary>
/// Tells a job that its stored state (Pause/Resume, a Run now stored by another instance) may have changed, so that it
/// reads it again. Today <see cref="PolledJobStateChanges"/> answers every <see cref="JobsOptions.CoordinationInterval"/>;
/// a PostgreSQL LISTEN/NOTIFY implementation can answer as soon as another instance writes, behind this same seam.
/// </summary>
public interface IJobStateChanges
{
    /// <summary>Completes when the job named <paramref name="jobName"/> should re-read its stored state.</summary>
    Task WaitAsync(string jobName, CancellationToken cancellationToken);
}
