using Microsoft.AspNetCore.Components;
using MudBlazor;
using Switchboard.Infrastructure.Notifications;

namespace Switchboard.Portal.Features.Notifications;

/// <summary>What every configuration makes of one event, in the test bench's wording; a planned message opens when clicked.</summary>
public sealed partial class VerdictTable
{
    [Parameter, EditorRequired] public IReadOnlyList<ConfigurationVerdict> Verdicts { get; set; } = [];

    /// <summary>The table's accessible name.</summary>
    [Parameter] public string Label { get; set; } = "Dry run result";

    [Parameter] public EventCallback<PlannedMessage> MessageShown { get; set; }

    private static string Outcome(VerdictKind kind) => kind switch
    {
        VerdictKind.Fired => "fires",
        VerdictKind.NotApplicable => "does not apply",
        VerdictKind.RuleNotMatched => "rule does not fire",
        VerdictKind.DatePlanned => "watches a date",
        _ => "fails",
    };

    private static Color Colour(VerdictKind kind) => kind switch
    {
        VerdictKind.Fired => Color.Success,
        VerdictKind.Failed => Color.Error,
        VerdictKind.DatePlanned => Color.Info,
        _ => Color.Default,
    };
}
