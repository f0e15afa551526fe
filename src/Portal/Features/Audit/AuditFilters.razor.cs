using Microsoft.AspNetCore.Components;
using MudBlazor;
using Switchboard.Domain.Audit;
using Switchboard.Infrastructure.Audit;

namespace Switchboard.Portal.Features.Audit;

/// <summary>The Audit page's filter bar: raises FilterChanged with the whole filter whenever one field changes.</summary>
public sealed partial class AuditFilters
{
    private string? _actor;
    private string? _action;
    private string? _objectType;
    private string? _objectId;
    private DateRange? _range;
    private HashSet<string> _excluded = [];

    [Parameter] public AuditFilter Initial { get; set; } = new();
    [Parameter] public IReadOnlyList<string> Actions { get; set; } = [];
    [Parameter] public EventCallback<AuditFilter> FilterChanged { get; set; }

    protected override void OnInitialized()
    {
        (_actor, _action, _objectType, _objectId) = (Initial.Actor, Initial.Action, Initial.ObjectType, Initial.ObjectId);
        _excluded = [.. Initial.Exclude ?? []];
        if (Initial.From is not null || Initial.To is not null)
        {
            _range = new DateRange(Initial.From, Initial.To?.AddDays(-1));
        }
    }

    private Task Change(Action assign)
    {
        assign();
        return FilterChanged.InvokeAsync(Current());
    }

    private Task ClearAsync()
    {
        (_actor, _action, _objectType, _objectId, _range) = (null, null, null, null, null);
        _excluded = [];
        return FilterChanged.InvokeAsync(Current());
    }

    // The range picker gives whole local days; the filter wants [from, to) in UTC.
    private AuditFilter Current() => new(
        Blank(_actor), Blank(_action), Blank(_objectType), Blank(_objectId),
        _range?.Start?.Date,
        _range?.End?.Date.AddDays(1),
        _excluded.Count == 0 ? null : [.. _excluded.Order(StringComparer.Ordinal)]);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
