using Microsoft.AspNetCore.Components;
using MudBlazor;
using Switchboard.Infrastructure.Changes;
using Switchboard.Infrastructure.Notifications.DateWatches;
using Switchboard.Portal.Components;

namespace Switchboard.Portal.Features.Notifications;

/// <summary>A Coming up list (issue 17 §2): live, as events plan dates and the date job fires them.</summary>
public sealed partial class ComingUpList
{
    [Inject] private PlannedNotificationsService Planned { get; set; } = default!;

    [Parameter, EditorRequired] public ComingUpQuery Query { get; set; } = new();

    /// <summary>The grid's accessible name.</summary>
    [Parameter] public string Label { get; set; } = "Coming up";

    private MudDataGrid<ComingUpRow>? _grid;

    // Planning follows evaluation, firing queues messages: both show as message changes.
    protected override void OnInitialized() => RefreshOn(ChangeKind.Event | ChangeKind.OutboxMessage, async () => await _grid.ReloadAsync());

    private async Task<GridData<ComingUpRow>> LoadAsync(GridState<ComingUpRow> state, CancellationToken cancellationToken) =>
        (await Planned.ComingUpAsync(Query, state.Page, state.PageSize, cancellationToken)).ToGridData();
}
