using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Switchboard.Infrastructure.Changes;
using Switchboard.Infrastructure.ChatOps;
using Switchboard.Infrastructure.Dashboard;
using Switchboard.Infrastructure.Listeners;
using Switchboard.Infrastructure.Provisioning;
using Switchboard.Portal.Components;

namespace Switchboard.Portal.Features.Dashboard;

/// <summary>One card per module with what needs attention, live.</summary>
public sealed partial class DashboardPage
{
    private readonly BarChartOptions _activityOptions = new() { ShowLegend = false, MaxNumYAxisTicks = 5 };
    private DashboardSummary? _summary;
    private List<ChartSeries<double>> _series = [];
    private string[] _labels = [];
    private ProvisioningSummary _provisioning = new(0, 0, [], 0, 0);
    private ChatOpsSummary _chatOps = new(0, 0);
    private IReadOnlyList<DeploymentView> _listeners = [];

    // Every open Dashboard shows the same: the summaries are read once for all of them (a year of data makes them costly).
    [Inject] private DashboardSummaries Summaries { get; set; } = default!;
    [Inject] private ListenerOverview Listeners { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        await LoadAsync();
        RefreshOn(ChangeKind.AuditEntry | ChangeKind.OutboxMessage | ChangeKind.Event | ChangeKind.Envelope | ChangeKind.ChatOpsCall
            | ChangeKind.ListenerState | ChangeKind.Person | ChangeKind.TokenOutcome, LoadAsync);
    }

    private async Task LoadAsync()
    {
        var (summary, provisioning, chatOps, listeners) =
            (Summaries.SummaryAsync(Aborted), Summaries.ProvisioningAsync(Aborted), Summaries.ChatOpsAsync(Aborted), Listeners.DeploymentsAsync(Aborted));
        _summary = await summary;
        _provisioning = await provisioning;
        _chatOps = await chatOps;
        _listeners = await listeners;
        _labels = _summary.ActivityLastWeek.Select(d => d.Day.ToString("ddd", CultureInfo.InvariantCulture)).ToArray();
        _series = [new ChartSeries<double> { Name = "Audit entries", Data = _summary.ActivityLastWeek.Select(d => (double)d.Count).ToArray() }];
    }
}
