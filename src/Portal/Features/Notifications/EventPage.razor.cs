using Microsoft.AspNetCore.Components;
using Switchboard.Domain.Events;
using Switchboard.Infrastructure.Changes;
using Switchboard.Infrastructure.Notifications;

namespace Switchboard.Portal.Features.Notifications;

/// <summary>
/// One received event: what arrived (before and after), what the directory did, what evaluation noted, the messages it
/// produced, each linked, and what every configuration makes of it today (a dry run, as the test bench shows it).
/// Live: the directory and evaluation update an event after it arrives.
/// </summary>
public sealed partial class EventPage
{
    private const int MaxMessages = 200;

    [Inject] private ReceivedEventsService ReceivedEvents { get; set; } = default!;
    [Inject] private TestBenchService TestBench { get; set; } = default!;

    private EventDetail? _detail;
    private IReadOnlyList<ConfigurationVerdict>? _verdicts;
    private PlannedMessage? _shown;
    private bool _loaded;

    [Parameter] public long Id { get; set; }

    protected override void OnInitialized() => RefreshOn(ChangeKind.Event | ChangeKind.OutboxMessage, LoadAsync);

    // The dry run is made once per event opened, not on every live refresh: a burst of events would otherwise
    // evaluate every configuration again each second for each open event page.
    protected override async Task OnParametersSetAsync()
    {
        await LoadAsync();
        _verdicts = _detail is null ? null : await TestBench.DryRunAsync(_detail.Event, Aborted);
    }

    private async Task LoadAsync()
    {
        _detail = await ReceivedEvents.EventAsync(Id, MaxMessages, Aborted);
        _loaded = true;
    }

    private static string DirectoryText(EntityEvent e) => e.DirectorySync switch
    {
        DirectorySyncState.NotApplicable => "Nothing: only identity events change the directory.",
        DirectorySyncState.Pending => "Not applied yet: the directory sync takes it at its next run.",
        DirectorySyncState.Done => $"Applied to {e.Identity} at {e.DirectorySyncedAt:yyyy-MM-dd HH:mm:ss} UTC.",
        DirectorySyncState.Failed => $"Refused at {e.DirectorySyncedAt:yyyy-MM-dd HH:mm:ss} UTC: {e.DirectorySyncError}",
        _ => "Skipped: directory sync from identity events is switched off (People:SyncFromIdentityEvents).",
    };
}
