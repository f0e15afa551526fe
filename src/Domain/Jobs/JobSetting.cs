namespace Switchboard.Domain.Jobs;

/// <summary>The stored switch of one background job: paused or not, and who last flipped it.</summary>
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

    public static JobSetting For(string jobName) => new() { JobName = jobName };

    public void SetPaused(bool paused, string by, DateTime now)
    {
        Paused = paused;
        ChangedBy = by;
        ChangedAt = now;
    }
}
