using Microsoft.AspNetCore.Components;
using MudBlazor;
using Switchboard.Domain.Listeners;
using Switchboard.Infrastructure.Changes;
using Switchboard.Infrastructure.Listeners;
using Switchboard.Portal.Components;

namespace Switchboard.Portal.Features.Listeners;

/// <summary>
/// The Exchange Listener deployments: their state, heartbeat and uptime, and Check now. Those that need attention come
/// first, <see cref="PageSize"/> a page (<see cref="DeploymentPage"/>); the state shown and the page are in the address
/// (the incident strip links to the Down ones). Two hundred deployments on one page made every open page hold thousands
/// of heartbeat pills.
/// </summary>
public sealed partial class ListenersPage
{
    public const int PageSize = 24;

    [Inject] private ListenersService Listeners { get; set; } = default!;
    [Inject] private QueryState Query { get; set; } = default!;

    // Read once for every open page that shows it (this one, the Dashboard): 200 deployments make it costly.
    [Inject] private ListenerOverview Overview { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "state")] public string? StateFromAddress { get; set; }
    [SupplyParameterFromQuery(Name = QueryState.PageName)] public int? PageFromAddress { get; set; }

    private IReadOnlyList<DeploymentView> _deployments = [];
    private string? _checking;

    private ListenerState? Shown => Enum.TryParse<ListenerState>(StateFromAddress, ignoreCase: true, out var state) && Enum.IsDefined(state) ? state : null;

    private DeploymentPage ThisPage => DeploymentPage.Of(_deployments, Shown, QueryState.PageIndex(PageFromAddress), PageSize);

    private int CountIn(ListenerState state) => _deployments.Count(d => d.State == state);

    private static string Href(ListenerState? state) => state is { } s ? PageRoutes.ListenersIn(s) : PageRoutes.Listeners;

    protected override async Task OnInitializedAsync()
    {
        await LoadAsync();
        RefreshOn(ChangeKind.ListenerState, LoadAsync);
    }

    private async Task LoadAsync()
    {
        _deployments = await Overview.DeploymentsAsync(Aborted);
    }

    private void OnPageChanged(int pageNumber) => Query.Replace(new Dictionary<string, object?> { [QueryState.PageName] = QueryState.PageNumber(pageNumber - 1) });

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
