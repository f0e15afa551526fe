namespace Switchboard.Infrastructure.Jobs;

public sealed class DatabaseMaintenanceOptions
{
    public const string SectionName = "Jobs:DatabaseMaintenance";

    /// <summary>Time between runs; <c>00:00:00</c> leaves only Run now.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(6);
}
