namespace Switchboard.Domain.Notifications.DateWatches;

/// <summary>
/// When a watched date is notified, seen from <c>today</c> (in the portal's date-watch time zone). A due day still to come
/// is kept; a due day already gone is moved to today while the date itself is still to come (a contract ending in 5 days
/// still gets its "14 days before" notice, late); when both are gone there is nothing to notify (an old date seen for
/// the first time, e.g. when the directory is read, never sends a burst of stale notices).
/// </summary>
public static class DatePlan
{
    /// <returns>The day to fire on, or null when the date is too old to notify.</returns>
    public static DateOnly? FireOn(DateWatch watch, DateOnly date, DateOnly today)
    {
        var due = watch.FireOn(date);
        if (due >= today)
        {
            return due;
        }

        return date >= today ? today : null;
    }

    /// <summary>Today where the portal's admins are, from the clock.</summary>
    public static DateOnly Today(TimeProvider time, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone).DateTime);
}
