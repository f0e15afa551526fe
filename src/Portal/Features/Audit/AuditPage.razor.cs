using Microsoft.AspNetCore.Components;
using MudBlazor;
using Switchboard.Domain.Audit;
using Switchboard.Infrastructure.Audit;
using Switchboard.Infrastructure.Changes;
using Switchboard.Portal.Components;

namespace Switchboard.Portal.Features.Audit;

/// <summary>The audit log: filters and a grid paged on the server, newest first; links from other pages arrive with a filter.</summary>
public sealed partial class AuditPage
{
    [Inject] private AuditService Audit { get; set; } = default!;

    private MudDataGrid<AuditEntryView>? _grid;
    private AuditFilter _filter = new();
    private IReadOnlyList<string> _actions = [];

    [SupplyParameterFromQuery] public string? Actor { get; set; }
    [SupplyParameterFromQuery] public string? ObjectType { get; set; }
    [SupplyParameterFromQuery] public string? ObjectId { get; set; }

    protected override async Task OnInitializedAsync()
    {
        _filter = new AuditFilter(Actor, null, ObjectType, ObjectId);
        _actions = await Audit.ActionsAsync(Aborted);
        RefreshOn(ChangeKind.AuditEntry, () => _grid.ReloadAsync());
    }

    private async Task<GridData<AuditEntryView>> LoadAsync(GridState<AuditEntryView> state, CancellationToken cancellationToken) =>
        (await Audit.QueryAsync(_filter, state.Page, state.PageSize, cancellationToken)).ToGridData();

    private async Task OnFilterChangedAsync(AuditFilter filter)
    {
        _filter = filter;
        await _grid.ReloadAsync();
    }

    private static Color ResultColor(AuditResult result) => result switch
    {
        AuditResult.Success => Color.Success,
        AuditResult.Denied => Color.Warning,
        _ => Color.Error,
    };
}
