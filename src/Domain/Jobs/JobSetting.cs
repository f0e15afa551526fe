namespace Switchboard.Domain.Jobs;

/// <summary>
/// The stored state of one background job shared by every instance: paused or not and who last flipped it, the last due
/// time of its schedule that was run, and a pending Run now request.
/// </summary>
public sealed class JobSetting
{
    public const int NameMaxLength = 100;

    private JobSetting()
    {
    }

    public string JobName { get; private set; } = "";
    public bool Paused { get; private set; }
    public string? ChangedBy { get; private set; }
    public DateTime? ChangedAt { get; private set; }

    /// <summary>The last due time of the schedule that an instance ran (or started to run).</summary>
    public DateTime? LastDueAt { get; private set; }

    /// <summary>Who asked for a run that no instance has started yet; null when none is pending.</summary>
    public string? RunRequestedBy { get; private set; }

    public DateTime? RunRequestedAt { get; private set; }

    public static JobSetting For(string jobName) => new() { JobName = jobName };

    public void SetPaused(bool paused, string by, DateTime now)
    {
        Paused = paused;
        ChangedBy = by;
        ChangedAt = now;
    }

    /// <summary>Whether the schedule's <paramref name="due"/> time has already been run (by this or another instance).</summary>
    public bool HasRun(DateTime due) => LastDueAt >= due;

    public void MarkDue(DateTime due) => LastDueAt = due;

    /// <summary>Takes the pending Run now, if any: who asked, or null.</summary>
    public string? TakeRunRequest()
    {
        var by = RunRequestedBy;
        (RunRequestedBy, RunRequestedAt) = (null, null);
        return by;
    }
}
