using System.Globalization;

namespace Switchboard.Domain.Notifications.DateWatches;

/// <summary>Reads the date an attribute holds: <c>2026-12-28</c>, or the date part of an ISO 8601 date and time.</summary>
public static class DateValues
{
    public static DateOnly? Read(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var trimmed = text.Trim();
        if (DateOnly.TryParseExact(trimmed, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        return DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var moment) && trimmed.Length > 10
            ? DateOnly.FromDateTime(moment.Date)
            : null;
    }

    public static string Write(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
