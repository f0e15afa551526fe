namespace Switchboard.Domain.Listeners;

/// <summary>One check as the charts see it.</summary>
public readonly record struct CheckPoint(DateTime At, ListenerState State, int? LatencyMilliseconds);

/// <summary>The checks of one stretch of time: how many, their median and 95th percentile latency, and the worst state seen (states are ordered Unknown, Up, Degraded, Down).</summary>
public sealed record LatencyBucket(DateTime Start, int Checks, int? Median, int? Percentile95, ListenerState WorstState);

/// <summary>
/// The latency chart's data: checks grouped into equal stretches of time with percentiles, so a day of checks every 10 s is a few dozen points,
/// and an axis top that one slow outlier (a cold start) cannot flatten the line with.
/// </summary>
public static class LatencyProfile
{
    private static readonly int[] RoundSteps = [1, 2, 5, 10];

    /// <summary>The checks from <paramref name="from"/> to <paramref name="to"/> in <paramref name="count"/> equal buckets; empty buckets are left out.</summary>
    public static IReadOnlyList<LatencyBucket> Buckets(IReadOnlyList<CheckPoint> checks, DateTime from, DateTime to, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var width = Math.Max(1, (to - from).Ticks / count);
        return checks.Where(c => c.At >= from && c.At <= to)
            .GroupBy(c => Math.Min(count - 1, (c.At - from).Ticks / width))
            .OrderBy(g => g.Key)
            .Select(g =>
            {
                var latencies = g.Where(c => c.LatencyMilliseconds is not null).Select(c => c.LatencyMilliseconds!.Value).Order().ToArray();
                return new LatencyBucket(from.AddTicks(g.Key * width), g.Count(), Percentile(latencies, 0.5), Percentile(latencies, 0.95),
                    g.Max(c => c.State));
            })
            .ToList();
    }

    /// <summary>
    /// The top of the latency axis: the largest bucket percentile, unless a few outliers lie far above the rest — then one and a half times
    /// the 95th percentile of all checks (four times the median while there are fewer than <see cref="FewChecks"/>, when the 95th percentile
    /// is one of the few), rounded up, and the outliers are drawn at the top.
    /// </summary>
    public static int AxisTop(IReadOnlyList<LatencyBucket> buckets, IReadOnlyList<CheckPoint> checks)
    {
        var highest = buckets.Select(b => b.Percentile95 ?? 0).DefaultIfEmpty(0).Max();
        var all = checks.Where(c => c.LatencyMilliseconds is not null).Select(c => c.LatencyMilliseconds!.Value).Order().ToArray();
        if (all.Length == 0)
        {
            return Math.Max(1, highest);
        }

        var reference = all.Length >= FewChecks ? Percentile(all, 0.95)!.Value * 1.5 : Percentile(all, 0.5)!.Value * 4.0;
        return Math.Max(1, Math.Min(highest, RoundUp((int)Math.Ceiling(reference))));
    }

    /// <summary>Below this many answered checks the axis top follows the median, not the 95th percentile.</summary>
    public const int FewChecks = 20;

    /// <summary>The nearest-rank percentile of sorted values, or null when there are none.</summary>
    public static int? Percentile(int[] sorted, double share) =>
        sorted.Length == 0 ? null : sorted[Math.Clamp((int)Math.Ceiling(share * sorted.Length) - 1, 0, sorted.Length - 1)];

    /// <summary>Up to the next 1, 2 or 5 times a power of ten, so the axis ends on a round number.</summary>
    private static int RoundUp(int value)
    {
        var power = 1;
        while (power * 10 <= value)
        {
            power *= 10;
        }

        return RoundSteps.Select(step => step * power).First(top => top >= value);
    }
}
