using Microsoft.AspNetCore.Components;
using MudBlazor;
using Switchboard.Infrastructure.Changes;
using Switchboard.Infrastructure.Notifications;
using Switchboard.Portal.Components;

namespace Switchboard.Portal.Features.Notifications;

/// <summary>
/// The events received, newest first, or the queue messages that could not be read; which of the two and the page are
/// in the address. Live: evaluation and the directory update an event after it arrives.
/// </summary>
public sealed partial class EventsTab
{
    [Inject] private ReceivedEventsService ReceivedEvents { get; set; } = default!;
    [Inject] private QueryState Query { get; set; } = default!;

    private MudDataGrid<EventRow>? _grid;
    private MudDataGrid<RejectedEventRow>? _rejectedGrid;
    private bool _totalIsAtLeast;

    [SupplyParameterFromQuery(Name = "rejected")] public bool? RejectedFromAddress { get; set; }
    [SupplyParameterFromQuery(Name = QueryState.PageName)] public int? PageFromAddress { get; set; }

    private bool ShowsRejected => RejectedFromAddress == true;

    // Evaluation and the directory update an event after it arrives, so messages (evaluation's output) count too.
    protected override void OnInitialized() => RefreshOn(ChangeKind.Event | ChangeKind.OutboxMessage, async () =>
    {
        await _grid.ReloadAsync();
        await _rejectedGrid.ReloadAsync();
    });

    /// <summary>The other list is a step Back returns from.</summary>
    private void ShowRejected(bool rejected) =>
        Query.Push(new Dictionary<string, object?> { ["rejected"] = rejected ? "true" : null, [QueryState.PageName] = null });

    private void OnPageChanged(int page) => Query.Replace(new Dictionary<string, object?> { [QueryState.PageName] = QueryState.PageNumber(page) });

    private async Task<GridData<RejectedEventRow>> LoadRejectedAsync(GridState<RejectedEventRow> state, CancellationToken cancellationToken)
    {
        var page = await ReceivedEvents.RejectedEventsAsync(state.Page, state.PageSize, cancellationToken);
        _totalIsAtLeast = page.TotalIsAtLeast;
        return page.ToGridData();
    }

    private async Task<GridData<EventRow>> LoadAsync(GridState<EventRow> state, CancellationToken cancellationToken)
    {
        var page = await ReceivedEvents.EventsAsync(state.Page, state.PageSize, cancellationToken);
        _totalIsAtLeast = page.TotalIsAtLeast;
        return page.ToGridData();
    }
}
