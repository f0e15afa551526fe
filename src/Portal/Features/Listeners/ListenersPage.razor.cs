using Microsoft.AspNetCore.Components;
using MudBlazor;
using Switchboard.Domain.Listeners;
using Switchboard.Infrastructure.Changes;
using Switchboard.Infrastructure.Listeners;
using Switchboard.Portal.Components;

namespace Switchboard.Portal.Features.Listeners;

/// <summary>The Exchange Listener deployments: their state, heartbeat and uptime, and Check now.</summary>
public sealed partial class ListenersPage
{
    [Inject] private ListenersService Listeners { get; set; } = default!;

    // Read once for every open page that shows it (this one, the Dashboard): 200 deployments make it costly.
    [Inject] private ListenerOverview Overview { get; set; } = default!;

    private IReadOnlyList<DeploymentView> _deployments = [];
    private string? _checking;

    protected override async Task OnInitializedAsync()
    {
        await LoadAsync();
        RefreshOn(ChangeKind.ListenerState, LoadAsync);
    }

    private async Task LoadAsync()
    {
        _deployments = await Overview.DeploymentsAsync(Aborted);
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

        // Read here, not shared: the notice of the check just stored may not have reached the shared overview yet.
        _deployments = await Listeners.DeploymentsAsync(Aborted);
    }
}
