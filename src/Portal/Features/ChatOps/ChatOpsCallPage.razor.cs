using Microsoft.AspNetCore.Components;
using Switchboard.Domain.ChatOps;
using Switchboard.Infrastructure.Audit;
using Switchboard.Infrastructure.Changes;
using Switchboard.Infrastructure.ChatOps;

namespace Switchboard.Portal.Features.ChatOps;

/// <summary>
/// One ChatOps call: what Mattermost sent (the person who wrote linked when the directory knows them), the outcome with
/// the GLPI ticket linked, the error and attempts of a failed call with Retry (Operator), and the audit entries about it.
/// Live: a call changes as it is sent and retried (with its retry's audit entry, saved in the same change).
/// </summary>
public sealed partial class ChatOpsCallPage
{
    [Inject] private ChatOpsService ChatOps { get; set; } = default!;

    private CallDetail? _detail;
    private IReadOnlyList<AuditEntryView> _audit = [];
    private bool _loaded;

    [Parameter] public long Id { get; set; }

    // ChatOps calls only, not audit entries: every audit write in the portal would read this page again. A retry's entry is
    // saved with the call (a ChatOpsCall notice), and a refused retry's entry is shown by the Retried reload.
    protected override void OnInitialized() => RefreshOn(ChangeKind.ChatOpsCall, LoadAsync);

    protected override Task OnParametersSetAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        _detail = await ChatOps.CallAsync(Id, Aborted);
        _audit = _detail is null ? [] : await ChatOps.CallAuditAsync(Id, Aborted);
        _loaded = true;
    }

    private static string OutcomeText(CallRow call) => call.Status switch
    {
        CallStatus.Created => "A GLPI ticket was opened.",
        CallStatus.Failed => call.NextAttemptAt is null ? "GLPI failed; no retry is left, only an Operator's Retry sends it again." : "GLPI failed; it is tried again automatically.",
        CallStatus.Pending => "Being sent to GLPI.",
        _ => "Nothing to open: the call held only the trigger word.",
    };
}
