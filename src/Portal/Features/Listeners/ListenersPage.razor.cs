using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Switchboard.Domain.Listeners;
using Switchboard.Infrastructure.Changes;
using Switchboard.Infrastructure.Listeners;
using Switchboard.Portal.Components;

namespace Switchboard.Portal.Features.Listeners;

/// <summary>The Exchange Listener deployments: their state, the last day's latency, and Check now.</summary>
public sealed partial class ListenersPage
{
    [Inject] private ListenersService Listeners { get; set; } = default!;

    private IReadOnlyList<DeploymentView> _deployments = [];
    private readonly Dictionary<string, IReadOnlyList<CheckRow>> _history = [];
    private string? _checking;

    protected override async Task OnInitializedAsync()
    {
        await LoadAsync();
        RefreshOn(ChangeKind.ListenerState, LoadAsync);
    }

    private async Task LoadAsync()
    {
        _deployments = await Listeners.DeploymentsAsync(Aborted);
        foreach (var deployment in _deployments)
        {
            _history[deployment.Name] = await Listeners.LastDayAsync(deployment.Name, Aborted);
        }
    }

    private async Task CheckNowAsync(string name)
    {
        _checking = name;
        await AttemptAsync(async () =>
        {
            var check = await Listeners.CheckNowAsync(await UserAsync(), name, Aborted);
            Snackbar.Add($"{name}: {check.State}{(check.ListenerUp ? $", {check.HttpStatus} in {check.LatencyMilliseconds} ms" : $", {check.ListenerError}")}.",
                check.State == ListenerState.Up ? Severity.Success : Severity.Warning);
        });
        _checking = null;

        await LoadAsync();
    }

    private static List<ChartSeries<double>> LatencySeries(IReadOnlyList<CheckRow> checks) =>
        [new ChartSeries<double> { Name = "Latency", Data = checks.Select(c => (double)(c.LatencyMilliseconds ?? 0)).ToArray() }];

    private static string[] Labels(IReadOnlyList<CheckRow> checks) =>
        checks.Select((c, i) => i % Math.Max(1, checks.Count / 6) == 0 ? c.At.ToString("HH:mm", CultureInfo.CurrentCulture) : "").ToArray();
}
