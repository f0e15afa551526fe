namespace Switchboard.Infrastructure.Jobs;

/// <summary>
/// Tells a job that its stored state (Pause/Resume, a Run now stored by another instance) may have changed, so that it
/// reads it again. <see cref="Changes.FeedJobStateChanges"/> answers on the change feed's job notices (on PostgreSQL also
/// another instance's, through LISTEN/NOTIFY) and at the latest every <see cref="JobsOptions.CoordinationInterval"/>.
/// </summary>
public interface IJobStateChanges
{
    /// <summary>Completes when the job named <paramref name="jobName"/> should re-read its stored state.</summary>
    Task WaitAsync(string jobName, CancellationToken cancellationToken);
}
