using Bunit;
using Switchboard.Domain.Listeners;
using Switchboard.Infrastructure.Listeners;
using Switchboard.Portal.Features.Listeners;

namespace Switchboard.ComponentTests.Listeners;

public sealed class LatencyChartTests : ComponentTestContext
{
    private static readonly DateTime Start = new(2026, 12, 1, 8, 0, 0, DateTimeKind.Utc);

    private static LatencyHistory History(int aboveAxis, int buckets = 48, TimeSpan? covers = null) => new(
        Enumerable.Range(0, buckets).Select(i => new LatencyBucket(Start.AddMinutes(30 * i), 180, 100, 140, i == 3 ? ListenerState.Down : ListenerState.Up)).ToList(),
        TimeSpan.FromMinutes(30), 200, aboveAxis, covers ?? TimeSpan.FromDays(1), [new StateChange(Start.AddMinutes(95), ListenerState.Down, ListenerState.Up)]);

    private IRenderedComponent<LatencyChart> Render(LatencyHistory history) =>
        Render<LatencyChart>(p => p.Add(c => c.Name, "main").Add(c => c.History, history));

    [Fact]
    public void AnOutlierAboveTheAxis_IsSaidToBeDrawnAtItsTop()
    {
        var note = Render(History(aboveAxis: 1)).Find("[aria-label='Latency scale']").TextContent;

        Assert.Equal("Median and 95th percentile of each 30 min, in ms. 1 check slower than 200 ms is drawn at 200 ms so the rest stays readable.", note);
    }

    [Fact]
    public void WithoutOutliers_TheScaleNoteOnlySaysWhatIsDrawn() =>
        Assert.Equal("Median and 95th percentile of each 30 min, in ms.", Render(History(aboveAxis: 0)).Find("[aria-label='Latency scale']").TextContent);

    [Fact]
    public void TheHeading_NamesThePeriodTheChecksCover() =>
        Assert.Equal("Last 18 min", Render(History(0, covers: TimeSpan.FromMinutes(18))).Find("h2").TextContent);

    [Fact]
    public void TheStateTimeline_HasOneStretchPerBucket_InItsWorstState()
    {
        var stretches = Render(History(0)).FindAll("[aria-label='State timeline of main'] span");

        Assert.Equal(48, stretches.Count);
        Assert.Equal("state-down", stretches[3].ClassName);
        Assert.Equal("from 09:30 UTC: Down, 180 checks", stretches[3].GetAttribute("title"));
    }

    [Fact]
    public void OneBucket_IsNoChart_AndSaysWhenOneComes() =>
        Assert.Contains("after the second check", Render(History(0, buckets: 1)).Markup, StringComparison.Ordinal);
}
