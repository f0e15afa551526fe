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

    [Inject] private DashboardService Dashboard { get; set; } = default!;
    [Inject] private ProvisioningService Provisioning { get; set; } = default!;
    [Inject] private ChatOpsService ChatOps { get; set; } = default!;
    [Inject] private ListenersService Listeners { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        await LoadAsync();
        RefreshOn(ChangeKind.AuditEntry | ChangeKind.OutboxMessage | ChangeKind.Event | ChangeKind.Envelope | ChangeKind.ChatOpsCall
            | ChangeKind.ListenerState | ChangeKind.Person | ChangeKind.TokenOutcome, LoadAsync);
    }

    private async Task LoadAsync()
    {
        _summary = await Dashboard.GetAsync(Aborted);
        _provisioning = await Provisioning.SummaryAsync(Aborted);
        _chatOps = await ChatOps.SummaryAsync(Aborted);
        _listeners = await Listeners.DeploymentsAsync(Aborted);
        _labels = _summary.ActivityLastWeek.Select(d => d.Day.ToString("ddd", CultureInfo.InvariantCulture)).ToArray();
        _series = [new ChartSeries<double> { Name = "Audit entries", Data = _summary.ActivityLastWeek.Select(d => (double)d.Count).ToArray() }];
    }
}
