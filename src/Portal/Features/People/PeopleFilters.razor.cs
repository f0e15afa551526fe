using Microsoft.AspNetCore.Components;
using Switchboard.Infrastructure.People;

namespace Switchboard.Portal.Features.People;

/// <summary>The People page's filter bar: raises FilterChanged with the whole query whenever one field changes.</summary>
public sealed partial class PeopleFilters
{
    private string? _query;
    private string? _state;
    private string? _role;
    private string? _form;
    private string? _sync;
    private string? _token;
    private bool _deleted;

    [Parameter] public PeopleQuery Initial { get; set; } = new();
    [Parameter] public PeopleFilterOptions Options { get; set; } = new([], [], []);
    [Parameter] public EventCallback<PeopleQuery> FilterChanged { get; set; }

    protected override void OnInitialized()
    {
        (_query, _state, _role, _form, _deleted) = (Initial.Query, Initial.State, Initial.Role, Initial.FormProjection, Initial.IncludeDeleted);
        _sync = Initial.SyncEnabled switch { true => "on", false => "off", null => null };
        _token = Initial.HasToken switch { true => "has", false => "missing", null => null };
    }

    private Task Change(Action assign)
    {
        assign();
        return FilterChanged.InvokeAsync(new PeopleQuery(
            string.IsNullOrWhiteSpace(_query) ? null : _query.Trim(), _state, _role, _form,
            _sync switch { "on" => true, "off" => false, _ => null },
            _token switch { "has" => true, "missing" => false, _ => null },
            _deleted));
    }
}
