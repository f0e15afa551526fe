using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Switchboard.Domain.Text;
using Switchboard.Infrastructure.Listeners;

namespace Switchboard.Portal.Features.Listeners;

/// <summary>
/// The latency chart of a deployment's page: the median and 95th percentile of each stretch of the last day, checks slower than the axis top
/// drawn at it (and said so), labels every few stretches so they stay readable.
/// </summary>
public sealed partial class LatencyChart
{
    /// <summary>About how many time labels the x axis carries.</summary>
    private const int LabelCount = 6;

    private readonly LineChartOptions _options = new() { ShowLegend = true, MaxNumYAxisTicks = 6 };
    private List<ChartSeries<double>> _series = [];
    private string[] _labels = [];

    [Parameter, EditorRequired] public string Name { get; set; } = "";
    [Parameter, EditorRequired] public LatencyHistory History { get; set; } = default!;

    private string Heading => History.Covers == TimeSpan.Zero ? "Last day" : $"Last {Period.Of(History.Covers)}";

    private string ScaleNote
    {
        get
        {
            var note = $"Median and 95th percentile of each {Period.Of(History.BucketWidth)}, in ms.";
            return History.AboveAxis == 0
                ? note
                : $"{note} {Plural.Of(History.AboveAxis, "check")} slower than {History.AxisTop.ToString("N0", CultureInfo.InvariantCulture)} ms "
                  + $"{(History.AboveAxis == 1 ? "is" : "are")} drawn at {History.AxisTop.ToString("N0", CultureInfo.InvariantCulture)} ms so the rest stays readable.";
        }
    }

    protected override void OnParametersSet()
    {
        var buckets = History.Buckets;
        _series =
        [
            new ChartSeries<double> { Name = "Median", Data = buckets.Select(b => Capped(b.Median)).ToArray() },
            new ChartSeries<double> { Name = "95th percentile", Data = buckets.Select(b => Capped(b.Percentile95)).ToArray() },
        ];
        var every = Math.Max(1, buckets.Count / LabelCount);
        _labels = buckets.Select((b, i) => i % every == 0 ? b.Start.ToString("HH:mm", CultureInfo.InvariantCulture) : "").ToArray();
    }

    private double Capped(int? latency) => Math.Min(latency ?? 0, History.AxisTop);
}
