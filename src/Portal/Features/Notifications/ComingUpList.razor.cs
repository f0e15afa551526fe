using Microsoft.AspNetCore.Components;
using MudBlazor;
using Switchboard.Infrastructure.Changes;
using Switchboard.Infrastructure.Notifications.DateWatches;
using Switchboard.Portal.Components;

namespace Switchboard.Portal.Features.Notifications;

/// <summary>
/// A Coming up list (issue 17 §2): live, as events plan dates and the date job fires them. A date whose configuration
/// failed on the day shows the reason and Retry (Operator), which plans it again once the configuration is fixed.
/// </summary>
public sealed partial class ComingUpList
{
    [Inject] private PlannedNotificationsService Planned { get; set; } = default!;

    [Parameter, EditorRequired] public ComingUpQuery Query { get; set; } = new();

    /// <summary>The grid's accessible name.</summary>
    [Parameter] public string Label { get; set; } = "Coming up";

    private readonly HashSet<long> _retrying = [];
    private MudDataGrid<ComingUpRow>? _grid;

    // Planning follows evaluation (events) and the directory (people); firing queues messages.
    protected override void OnInitialized() => RefreshOn(ChangeKind.Event | ChangeKind.Person | ChangeKind.OutboxMessage, async () => await _grid.ReloadAsync());

    private async Task<GridData<ComingUpRow>> LoadAsync(GridState<ComingUpRow> state, CancellationToken cancellationToken) =>
        (await Planned.ComingUpAsync(Query, state.Page, state.PageSize, cancellationToken)).ToGridData();

    private async Task RetryAsync(ComingUpRow row)
    {
        _retrying.Add(row.Id);
        await AttemptAsync(async () =>
        {
            var retried = await Planned.RetryAsync(await UserAsync(), row.Id, Aborted);
            Snackbar.Add(retried ? $"{row.Identity}'s date {row.DateValue:yyyy-MM-dd} is planned again: it fires at the date job's run, now."
                : "It is not failed any more: nothing to retry.", retried ? Severity.Success : Severity.Info);
            await _grid!.ReloadAsync();
        });
        _retrying.Remove(row.Id);
    }
}
