namespace Switchboard.Infrastructure.Notifications.DateWatches;

/// <summary>Settings of notifications ahead of a date, under <c>Notifications:DateWatch</c>.</summary>
public sealed class DateWatchOptions
{
    public const string SectionName = "Notifications:DateWatch";

    /// <summary>Where "the day" begins (an IANA or Windows id): a notice due on 14 December goes out once it is 14 December there.</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>How often the job follows the directory's dates and sends what is due (also at start and when the directory is edited).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The most due notifications one run of the job sends; the rest go in the next run, at once.</summary>
    public int MaxPerRun { get; set; } = 500;

    public TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
}
