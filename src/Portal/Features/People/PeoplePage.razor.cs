using Microsoft.AspNetCore.Components;
using MudBlazor;
using Switchboard.Domain.People;
using Switchboard.Infrastructure.People;
using Switchboard.Portal.Components;

namespace Switchboard.Portal.Features.People;

/// <summary>The people list: filters, a grid paged on the server, and the CSV export of what the filters match.</summary>
public sealed partial class PeoplePage
{
    [Inject] private PeopleService People { get; set; } = default!;

    private MudDataGrid<PersonRow>? _grid;
    private PeopleFilterOptions? _options;
    private PeopleQuery _query = new();

    [SupplyParameterFromQuery] public string? Role { get; set; }

    private string ExportHref => $"{PeopleExportEndpoint.Path}{QueryString()}";

    protected override async Task OnInitializedAsync()
    {
        _query = new PeopleQuery(Role: Role);
        _options = await People.FilterOptionsAsync(Aborted);
    }

    private async Task<GridData<PersonRow>> LoadAsync(GridState<PersonRow> state, CancellationToken cancellationToken) =>
        (await People.SearchAsync(_query, state.Page, state.PageSize, cancellationToken)).ToGridData();

    private async Task OnFilterChangedAsync(PeopleQuery query)
    {
        _query = query;
        await _grid.ReloadAsync();
    }

    private string QueryString()
    {
        var parts = new Dictionary<string, string?>
        {
            ["query"] = _query.Query,
            ["state"] = _query.State,
            ["role"] = _query.Role,
            ["formProjection"] = _query.FormProjection,
            ["syncEnabled"] = _query.SyncEnabled?.ToString(),
            ["hasToken"] = _query.HasToken?.ToString(),
            ["includeDeleted"] = _query.IncludeDeleted ? "true" : null,
        };
        var pairs = parts.Where(p => p.Value is not null).Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value!)}").ToList();
        return pairs.Count == 0 ? "" : "?" + string.Join('&', pairs);
    }
}
