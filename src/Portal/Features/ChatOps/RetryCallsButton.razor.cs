using Microsoft.AspNetCore.Components;
using MudBlazor;
using Switchboard.Domain.Text;
using Switchboard.Infrastructure.ChatOps;

namespace Switchboard.Portal.Features.ChatOps;

/// <summary>
/// Sends failed ChatOps calls to GLPI again (<see cref="ChatOpsService.RetryAsync"/>: Operator, each call audited with its
/// outcome in the same save), says in a snackbar how it went, then tells the page to read again. Shown to Operators only.
/// </summary>
public sealed partial class RetryCallsButton
{
    private bool _retrying;

    [Inject] private ChatOpsService ChatOps { get; set; } = default!;

    [Parameter, EditorRequired] public IReadOnlyList<long> CallIds { get; set; } = [];

    [Parameter] public string Text { get; set; } = "Retry";

    /// <summary>The button's accessible name, when <see cref="Text"/> alone does not say which call.</summary>
    [Parameter] public string? Label { get; set; }

    [Parameter] public Size Size { get; set; } = Size.Medium;

    [Parameter] public Variant Variant { get; set; } = Variant.Text;

    [Parameter] public Color Color { get; set; } = Color.Default;

    [Parameter] public string? StartIcon { get; set; }

    /// <summary>Raised after a retry (done, refused or failed again), for the page to show the calls as they are now.</summary>
    [Parameter] public EventCallback Retried { get; set; }

    /// <summary>What a retry of <paramref name="retried"/> calls did, in words.</summary>
    public static (string Text, Severity Severity) Outcome(int retried, int created, int failed) => (created, failed) switch
    {
        (0, 0) when retried == 1 => ("Nothing was sent: the call was already done or is being sent.", Severity.Info),
        (0, 0) => ($"Nothing was sent: the {Plural.Of(retried, "call")} were already done or are being sent.", Severity.Info),
        (_, 0) => ($"{Plural.Of(created, "ticket")} opened.", Severity.Success),
        _ => ($"{Plural.Of(created, "ticket")} opened, {failed} failed again.", Severity.Warning),
    };

    private async Task RetryAsync()
    {
        _retrying = true;
        try
        {
            await AttemptAsync(async () =>
            {
                // Not Aborted: the call log's grid re-renders whenever another call arrives, which disposes this button
                // mid-retry; cancelling then would stop the GLPI request after the claim counted the attempt, leaving the
                // call leased with no audit entry and no snackbar. A retry is short (bounded by the GLPI timeout) and the
                // sender saves its outcome with CancellationToken.None anyway, so it runs to the end once started.
                var (created, failed) = await ChatOps.RetryAsync(await UserAsync(), CallIds, CancellationToken.None);
                var (text, severity) = Outcome(CallIds.Count, created, failed);
                Snackbar.Add(text, severity);
            });
        }
        finally
        {
            _retrying = false;
        }

        await Retried.InvokeAsync();
    }
}
