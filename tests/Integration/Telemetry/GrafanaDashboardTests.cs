using System.Diagnostics.Metrics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Infrastructure.Telemetry;

namespace Switchboard.IntegrationTests.Telemetry;

/// <summary><c>docs/monitoring/grafana-dashboard.json</c> is built on the meters the portal really exports, and shows each of them.</summary>
public sealed partial class GrafanaDashboardTests : IAsyncDisposable
{
    private readonly PortalFactory _portal = new();

    [Fact]
    public void Dashboard_QueriesOnlyMetricsThePortalExports_AndShowsEveryOne()
    {
        var exported = PrometheusNamesOfSwitchboardsMeters();
        var queried = DashboardQueries()
            .SelectMany(query => MetricName().Matches(query).Select(m => Regex.Replace(m.Value, "_(bucket|sum|count)$", "")))
            .ToHashSet();

        Assert.NotEmpty(exported);
        Assert.Empty(queried.Except(exported));
        Assert.Empty(exported.Except(queried));
    }

    private HashSet<string> PrometheusNamesOfSwitchboardsMeters()
    {
        // Both hold Switchboard's instruments; a listener started afterwards is told of every instrument already made.
        _ = _portal.Services.GetRequiredService<SwitchboardMetrics>();
        _ = _portal.Services.GetRequiredService<StoredStateGauges>();
        var names = new HashSet<string>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, _) =>
        {
            if (instrument.Meter.Name == SwitchboardMetrics.MeterName)
            {
                names.Add(PrometheusName(instrument));
            }
        };
        listener.Start();
        return names;
    }

    /// <summary>The OpenTelemetry Prometheus exporter's naming: dots to underscores, the unit "s" as <c>_seconds</c> (annotations in braces dropped), counters end in <c>_total</c>.</summary>
    private static string PrometheusName(Instrument instrument)
    {
        var name = instrument.Name.Replace('.', '_');
        if (instrument.Unit == "s")
        {
            name += "_seconds";
        }

        return instrument.GetType().IsGenericType && instrument.GetType().GetGenericTypeDefinition() == typeof(Counter<>) ? name + "_total" : name;
    }

    private static List<string> DashboardQueries()
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "docs", "monitoring", "grafana-dashboard.json")));
        return dashboard.RootElement.GetProperty("panels").EnumerateArray()
            .Where(panel => panel.TryGetProperty("targets", out _))
            .SelectMany(panel => panel.GetProperty("targets").EnumerateArray().Select(target => target.GetProperty("expr").GetString()!))
            .ToList();
    }

    [GeneratedRegex("switchboard_[a-z_]+")]
    private static partial Regex MetricName();

    public async ValueTask DisposeAsync() => await _portal.DisposeAsync();
}
