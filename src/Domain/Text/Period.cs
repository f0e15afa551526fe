using System.Globalization;

namespace Switchboard.Domain.Text;

/// <summary>A length of time as a person reads it next to a figure: "18 min", "5 h", "2.5 days", "7 days".</summary>
public static class Period
{
    public static string Of(TimeSpan span) => span switch
    {
        { TotalMinutes: < 1 } => $"{Math.Max(0, (int)span.TotalSeconds)} s",
        { TotalHours: < 1 } => $"{(int)span.TotalMinutes} min",
        { TotalHours: < 47.95 } => $"{Rounded(span.TotalHours)} h",
        _ => $"{Rounded(span.TotalDays)} days",
    };

    /// <summary>Whole numbers as they are, others to one decimal: 24, 2.5.</summary>
    private static string Rounded(double value) =>
        Math.Round(value, 1).ToString(Math.Abs(value - Math.Round(value)) < 0.05 ? "0" : "0.0", CultureInfo.InvariantCulture);
}
