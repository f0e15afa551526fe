namespace Switchboard.Infrastructure.Jobs;

/// <summary>Who started a run when it was not a person.</summary>
public static class JobTriggers
{
    /// <summary>The job's own schedule (or the start of the portal).</summary>
    public const string Schedule = "schedule";

    /// <summary>Another part of Switchboard that had new work for the job (e.g. events arrived).</summary>
    public const string Wake = "wake";

    /// <summary>
    /// An instance took up a run that another instance left unfinished when it died (its lock was freed with its
    /// connection, its run was still stored as running).
    /// </summary>
    public const string Takeover = "takeover of a stopped instance's run";
}
