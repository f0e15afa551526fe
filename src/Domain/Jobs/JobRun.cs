namespace Switchboard.Domain.Jobs;

/// <summary>One run of a background job, kept as its history: when, who asked, on which instance, and how it ended.</summary>
public sealed class JobRun
{
    public const int TextMaxLength = 2000;
    public const int TriggeredByMaxLength = 200;
    public const int InstanceMaxLength = 200;

    private JobRun()
    {
    }

    public long Id { get; private set; }
    public string JobName { get; private set; } = "";
    public DateTime StartedAt { get; private set; }
    public DateTime? FinishedAt { get; private set; }
    public JobRunOutcome Outcome { get; private set; }
    public string? Message { get; private set; }
    public string? Error { get; private set; }

    /// <summary>The schedule (<c>schedule</c>), a person's name, or the part of Switchboard that woke the job.</summary>
    public string TriggeredBy { get; private set; } = "";

    /// <summary>The instance that ran it: machine name and process id.</summary>
    public string Instance { get; private set; } = "";

    /// <summary>The due time of the schedule this run served; null for Run now, a wake or the run at start.</summary>
    public DateTime? DueAt { get; private set; }

    public TimeSpan? Duration => FinishedAt - StartedAt;

    public static JobRun Start(string jobName, string triggeredBy, string instance, DateTime? dueAt, DateTime now) => new()
    {
        JobName = jobName,
        TriggeredBy = Clip(triggeredBy, TriggeredByMaxLength)!,
        Instance = Clip(instance, InstanceMaxLength)!,
        DueAt = dueAt,
        StartedAt = now,
        Outcome = JobRunOutcome.Running,
    };

    public void Finish(JobRunOutcome outcome, string? message, string? error, DateTime now)
    {
        Outcome = outcome;
        Message = Clip(message, TextMaxLength);
        Error = Clip(error, TextMaxLength);
        FinishedAt = now;
    }

    private static string? Clip(string? text, int length) => text is { Length: var n } && n > length ? text[..length] : text;
}
