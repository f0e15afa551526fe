using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using MudBlazor;
using Switchboard.Domain.Notifications.Digests;
using Switchboard.Infrastructure.Notifications;
using Switchboard.Infrastructure.Notifications.Digests;

namespace Switchboard.Portal.Features.Notifications;

/// <summary>What every configuration makes of one event, in the test bench's wording; a planned message opens when clicked.</summary>
public sealed partial class VerdictTable
{
    [Parameter, EditorRequired] public IReadOnlyList<ConfigurationVerdict> Verdicts { get; set; } = [];

    /// <summary>The table's accessible name.</summary>
    [Parameter] public string Label { get; set; } = "Dry run result";

    [Parameter] public EventCallback<PlannedMessage> MessageShown { get; set; }

    [Inject] private IOptions<DigestOptions> DigestSettings { get; set; } = default!;

    /// <summary>The digest a firing configuration's e-mails would wait for; null when they go at once.</summary>
    private DigestSchedule? DigestOf(ConfigurationVerdict verdict) =>
        verdict.Kind == VerdictKind.Fired && DigestSettings.Value.Gathers(verdict.Configuration.Level) ? verdict.Configuration.Digest : null;

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
