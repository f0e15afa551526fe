using Microsoft.AspNetCore.Components;
using MudBlazor;
using Switchboard.Domain.ChatOps;
using Switchboard.Infrastructure.Changes;
using Switchboard.Infrastructure.ChatOps;
using Switchboard.Portal.Components;

namespace Switchboard.Portal.Features.ChatOps;

/// <summary>ChatOps: the bridges, and the call log filtered and paged on the server, with Retry for failed calls.</summary>
public sealed partial class ChatOpsPage
{
    [Inject] private ChatOpsService ChatOps { get; set; } = default!;
    [Inject] private QueryState Query { get; set; } = default!;

    private MudDataGrid<CallRow>? _grid;
    private IReadOnlyList<BridgeRow> _bridges = [];
    private CallFilter _filter = new();
    private HashSet<CallRow> _selected = [];
    private bool _totalIsAtLeast;

    // The filters and the page are in the address, so a link (a person's timeline, the incident strip) opens the same list.
    [SupplyParameterFromQuery(Name = "bridge")] public int? Bridge { get; set; }
    [SupplyParameterFromQuery(Name = "status")] public string? Status { get; set; }

    /// <summary>The Mattermost user whose calls are shown.</summary>
    [SupplyParameterFromQuery(Name = "user")] public string? User { get; set; }

    [SupplyParameterFromQuery(Name = QueryState.PageName)] public int? PageFromAddress { get; set; }

    protected override async Task OnInitializedAsync()
    {
        _filter = new CallFilter(Bridge, Enum.TryParse<CallStatus>(Status, ignoreCase: true, out var status) ? status : null,
            string.IsNullOrWhiteSpace(User) ? null : User);
        _bridges = await ChatOps.BridgesAsync(Aborted);
        RefreshOn(ChangeKind.ChatOpsCall, () => _grid.ReloadAsync());
    }

    private async Task<GridData<CallRow>> LoadAsync(GridState<CallRow> state, CancellationToken cancellationToken)
    {
        var page = await ChatOps.CallsAsync(_filter, state.Page, state.PageSize, cancellationToken);
        _totalIsAtLeast = page.TotalIsAtLeast;
        return page.ToGridData();
    }

    private async Task FilterAsync(CallFilter filter)
    {
        _filter = filter;
        Query.Replace(new Dictionary<string, object?>
        {
            ["bridge"] = filter.BridgeId,
            ["status"] = filter.Status?.ToString(),
            ["user"] = string.IsNullOrWhiteSpace(filter.User) ? null : filter.User,
            [QueryState.PageName] = null,
        });
        await _grid.ReloadAsync();
    }

    private void OnPageChanged(int page) => Query.Replace(new Dictionary<string, object?> { [QueryState.PageName] = QueryState.PageNumber(page) });

    /// <summary>After a Retry: the selection is spent, and the bridges' counts and the log read again.</summary>
    private async Task OnRetriedAsync()
    {
        _selected = [];
        _bridges = await ChatOps.BridgesAsync(Aborted);
        await _grid.ReloadAsync();
    }
}
