namespace Switchboard.Domain.Listeners;

/// <summary>
/// One deployment's checks within one hour, counted as they are stored: uptime over a day or a week adds up at most 168
/// of these per deployment instead of reading every check (200 deployments checked every 10 s store 12 million a week).
/// </summary>
public sealed class ListenerCheckHour
{
    private ListenerCheckHour()
    {
    }

    public string Deployment { get; private set; } = "";

    /// <summary>The hour's start, UTC.</summary>
    public DateTime Hour { get; private set; }

    public int Checks { get; private set; }

    /// <summary>How many of the checks found the listener answering.</summary>
    public int Up { get; private set; }

    /// <summary>The hour's first check, so an uptime figure can say how much of its window the checks cover.</summary>
    public DateTime FirstAt { get; private set; }

    /// <summary>The start of the hour <paramref name="at"/> falls in.</summary>
    public static DateTime HourOf(DateTime at) => new(at.Year, at.Month, at.Day, at.Hour, 0, 0, DateTimeKind.Utc);
}
