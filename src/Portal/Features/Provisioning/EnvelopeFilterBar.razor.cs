using Microsoft.AspNetCore.Components;
using Switchboard.Domain.Provisioning;
using Switchboard.Infrastructure.Provisioning;

namespace Switchboard.Portal.Features.Provisioning;

/// <summary>The envelope list's filters: account search, state, group, status code, error type, routing key, last seen.</summary>
public sealed partial class EnvelopeFilterBar
{
    [Parameter, EditorRequired] public EnvelopeFilter Filter { get; set; } = new();
    [Parameter] public IReadOnlyList<FailureGroupRow> Groups { get; set; } = [];
    [Parameter] public IReadOnlyList<string> RoutingKeys { get; set; } = [];
    [Parameter] public EventCallback<EnvelopeFilter> FilterChanged { get; set; }

    public static string StateLabel(string state) => state switch
    {
        EnvelopeFilter.Open => "Open (retrying, failed, rerunning)",
        nameof(EnvelopeState.SucceededLater) => "Succeeded later",
        _ => state,
    };

    private static string Label(FailureGroupRow group) => $"{group.Title} ({group.RoutingKey})";

    private string GroupLabel(long? id) => Groups.FirstOrDefault(g => g.Id == id) is { } group ? Label(group) : "";

    /// <summary>The groups whose title or routing key holds what was typed (every group before anything is typed).</summary>
    private Task<IEnumerable<long?>> SearchGroupsAsync(string typed, CancellationToken cancellationToken) =>
        Task.FromResult(Groups
            .Where(g => string.IsNullOrWhiteSpace(typed) || Label(g).Contains(typed.Trim(), StringComparison.OrdinalIgnoreCase))
            .Select(g => (long?)g.Id));

    private Task<IEnumerable<string>> SearchRoutingKeysAsync(string typed, CancellationToken cancellationToken) =>
        Task.FromResult(RoutingKeys.Where(k => string.IsNullOrWhiteSpace(typed) || k.Contains(typed.Trim(), StringComparison.OrdinalIgnoreCase)));
}
