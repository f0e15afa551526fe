namespace Switchboard.Infrastructure.Jobs;

/// <summary>How the background jobs of several instances agree, and how long their runs are kept.</summary>
public sealed class JobsOptions
{
    public const string SectionName = "Jobs";

    /// <summary>
    /// How often each instance re-reads every job's stored state (Pause/Resume, a Run now asked on another instance):
    /// the bound on how long a pause on one instance takes to stop another's schedule.
    /// </summary>
    public TimeSpan CoordinationInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Runs older than this many days are deleted by the database maintenance job.</summary>
    public int RunHistoryDays { get; set; } = 30;
}
