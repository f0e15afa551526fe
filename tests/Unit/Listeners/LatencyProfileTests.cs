using Switchboard.Domain.Listeners;

namespace Switchboard.UnitTests.Listeners;

public sealed class LatencyProfileTests
{
    private static readonly DateTime Start = new(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>A check every 10 s for <paramref name="count"/> checks, all Up at <paramref name="latency"/> ms.</summary>
    private static List<CheckPoint> Steady(int count, int latency) =>
        Enumerable.Range(0, count).Select(i => new CheckPoint(Start.AddSeconds(10 * i), ListenerState.Up, latency)).ToList();

    [Fact]
    public void Buckets_SplitTheWindowIntoEqualStretches_WithTheMedianAndPercentileOfEach()
    {
        var checks = Enumerable.Range(1, 20).Select(i => new CheckPoint(Start.AddSeconds(i - 1), ListenerState.Up, i * 10)).ToList();

        var buckets = LatencyProfile.Buckets(checks, Start, Start.AddSeconds(20), 2);

        Assert.Equal([(Start, 10, 50, 100), (Start.AddSeconds(10), 10, 150, 200)],
            buckets.Select(b => (b.Start, b.Checks, b.Median!.Value, b.Percentile95!.Value)));
    }

    [Fact]
    public void Buckets_CarryTheWorstStateOfTheirChecks_AndLeaveEmptyStretchesOut()
    {
        CheckPoint[] checks =
        [
            new(Start, ListenerState.Up, 20),
            new(Start.AddMinutes(1), ListenerState.Down, null),
            new(Start.AddMinutes(2), ListenerState.Up, 30),
            new(Start.AddMinutes(50), ListenerState.Degraded, 2500),
        ];

        var buckets = LatencyProfile.Buckets(checks, Start, Start.AddHours(1), 6);

        Assert.Equal([(Start, ListenerState.Down, 3), (Start.AddMinutes(50), ListenerState.Degraded, 1)], buckets.Select(b => (b.Start, b.WorstState, b.Checks)));
        Assert.Equal(20, buckets[0].Median);
    }

    [Fact]
    public void Buckets_OfOnlyFailedChecks_HaveNoLatency()
    {
        var buckets = LatencyProfile.Buckets([new CheckPoint(Start, ListenerState.Down, null)], Start, Start.AddMinutes(1), 1);

        Assert.Null(Assert.Single(buckets).Median);
    }

    [Fact]
    public void AxisTop_OneColdStartOutlierInADayOfChecks_DoesNotSetTheScale()
    {
        var checks = Steady(8640, 100);
        checks[0] = checks[0] with { LatencyMilliseconds = 1200 };
        var buckets = LatencyProfile.Buckets(checks, Start, checks[^1].At, 48);

        Assert.Equal(100, LatencyProfile.AxisTop(buckets, checks));
    }

    [Fact]
    public void AxisTop_OfAColdStartAmongFewChecks_IsTheRobustTopNotTheOutlier()
    {
        var checks = Steady(40, 100);
        checks[0] = checks[0] with { LatencyMilliseconds = 1200 };
        var buckets = LatencyProfile.Buckets(checks, Start, checks[^1].At, 40);

        Assert.Equal(200, LatencyProfile.AxisTop(buckets, checks));
    }

    [Fact]
    public void AxisTop_WithoutOutliers_IsTheHighestPercentileDrawn()
    {
        var checks = Steady(100, 100).Select((c, i) => c with { LatencyMilliseconds = 90 + (i % 3) * 10 }).ToList();
        var buckets = LatencyProfile.Buckets(checks, Start, checks[^1].At, 10);

        Assert.Equal(110, LatencyProfile.AxisTop(buckets, checks));
    }

    [Fact]
    public void AxisTop_OfAColdStartAndOneOrdinaryCheck_FollowsTheOrdinaryOne()
    {
        CheckPoint[] checks = [new(Start, ListenerState.Up, 2735), new(Start.AddSeconds(17), ListenerState.Up, 153)];
        var buckets = LatencyProfile.Buckets(checks, Start, Start.AddSeconds(18), 2);

        Assert.Equal(1000, LatencyProfile.AxisTop(buckets, checks));
    }
}
