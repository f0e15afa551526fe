namespace Switchboard.Infrastructure.Jobs;

/// <summary>Who started a run when it was not a person.</summary>
public static class JobTriggers
{
    /// <summary>The job's own schedule (or the start of the portal).</summary>
    public const string Schedule = "schedule";

    /// <summary>Another part of Switchboard that had new work for the job (e.g. events arrived).</summary>
    public const string Wake = "wake";
}
