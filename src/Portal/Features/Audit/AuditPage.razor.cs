using Microsoft.AspNetCore.Components;
using MudBlazor;
using Switchboard.Infrastructure.Audit;
using Switchboard.Infrastructure.Changes;
using Switchboard.Portal.Components;

namespace Switchboard.Portal.Features.Audit;

/// <summary>
/// The audit log: filters and a grid paged on the server, newest first. The filters and the page are in the address,
/// so a link (from an object's page, or from a colleague) opens the same list.
/// </summary>
public sealed partial class AuditPage
{
    [Inject] private AuditService Audit { get; set; } = default!;
    [Inject] private QueryState Query { get; set; } = default!;

    private MudDataGrid<AuditEntryView>? _grid;
    private AuditFilter _filter = new();
    private IReadOnlyList<string> _actions = [];
    private bool _totalIsAtLeast;

    [SupplyParameterFromQuery] public string? Actor { get; set; }
    [SupplyParameterFromQuery(Name = "action")] public string? ActionName { get; set; }
    [SupplyParameterFromQuery] public string? ObjectType { get; set; }
    [SupplyParameterFromQuery] public string? ObjectId { get; set; }

    /// <summary>First day shown (UTC), as yyyy-MM-dd.</summary>
    [SupplyParameterFromQuery] public string? From { get; set; }

    /// <summary>Last day shown (UTC), as yyyy-MM-dd: the day itself is included, as the range picker shows it.</summary>
    [SupplyParameterFromQuery] public string? To { get; set; }

    [SupplyParameterFromQuery] public string[]? Hide { get; set; }
    [SupplyParameterFromQuery(Name = QueryState.PageName)] public int? PageFromAddress { get; set; }

    protected override async Task OnInitializedAsync()
    {
        _filter = new AuditFilter(Actor, ActionName, ObjectType, ObjectId, QueryState.Day(From), QueryState.Day(To)?.AddDays(1), Hide is { Length: > 0 } ? Hide : null);
        _actions = await Audit.ActionsAsync(Aborted);
        RefreshOn(ChangeKind.AuditEntry, () => _grid.ReloadAsync());
    }

    private async Task<GridData<AuditEntryView>> LoadAsync(GridState<AuditEntryView> state, CancellationToken cancellationToken)
    {
        var page = await Audit.QueryAsync(_filter, state.Page, state.PageSize, cancellationToken);
        _totalIsAtLeast = page.TotalIsAtLeast;
        return page.ToGridData();
    }

    private async Task OnFilterChangedAsync(AuditFilter filter)
    {
        _filter = filter;
        Query.Replace(new Dictionary<string, object?>
        {
            ["actor"] = filter.Actor,
            ["action"] = filter.Action,
            ["objectType"] = filter.ObjectType,
            ["objectId"] = filter.ObjectId,
            ["from"] = QueryState.DayText(filter.From),
            ["to"] = QueryState.DayText(filter.To?.AddDays(-1)),
            ["hide"] = filter.Exclude,
            [QueryState.PageName] = null,
        });
        await _grid.ReloadAsync();
    }

    private void OnPageChanged(int page) => Query.Replace(new Dictionary<string, object?> { [QueryState.PageName] = QueryState.PageNumber(page) });
}
