using Microsoft.AspNetCore.Components;
using MudBlazor;
using Switchboard.Infrastructure.Provisioning;

namespace Switchboard.Portal.Features.Dashboard;

/// <summary>The donut of open envelopes by group: one slice per named group, one for the rest, in the colours of the legend beside it.</summary>
public sealed partial class FailureGroupsDonut
{
    /// <summary>The slices' colours, in the order of the named groups; the legend's dots use the same.</summary>
    private static readonly string[] Colours = ["#1E88E5", "#43A047", "#FB8C00", "#8E24AA", "#00ACC1"];
    private const string OtherColour = "#9E9E9E";

    private readonly DonutChartOptions _options = new() { ShowLegend = false, ChartPalette = [.. Colours, OtherColour] };
    private List<ChartSeries<double>> _series = [];
    private string[] _labels = [];

    [Parameter, EditorRequired] public ProvisioningSummary Summary { get; set; } = default!;

    protected override void OnParametersSet()
    {
        var slices = Summary.TopGroups.Select(g => (Label: g.Title, Open: (double)g.Open)).ToList();
        if (Summary.OtherGroups > 0)
        {
            slices.Add(($"{Summary.OtherGroups} more groups", Summary.OtherOpen));
        }

        _series = [new ChartSeries<double> { Name = "Open envelopes", Data = slices.Select(s => s.Open).ToArray() }];
        _labels = slices.Select(s => s.Label).ToArray();
    }
}
