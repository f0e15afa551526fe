using Microsoft.AspNetCore.Components;
using Switchboard.Domain.Events;
using Switchboard.Infrastructure.Notifications;
using Switchboard.Infrastructure.People;

namespace Switchboard.Portal.Features.Notifications;

/// <summary>The test bench: build or paste an event and dry-run it against every configuration; nothing is stored or sent.</summary>
public sealed partial class TestBenchTab
{
    [Inject] private TestBenchService TestBench { get; set; } = default!;
    [Inject] private PeopleService People { get; set; } = default!;
    [Inject] private ReceivedEventsService ReceivedEvents { get; set; } = default!;

    /// <summary>A stored event to fill in and run at once (the event page's "Open in test bench").</summary>
    [SupplyParameterFromQuery(Name = "event")] public long? EventId { get; set; }

    private readonly TestBenchForm _form = new();
    private string _json = TestBenchService.SampleEvent(EntityTypes.IdmIdentity);
    private IReadOnlyList<string> _errors = [];
    private IReadOnlyList<ConfigurationVerdict>? _verdicts;
    private PlannedMessage? _shown;
    private bool _running;

    protected override async Task OnInitializedAsync()
    {
        if (EventId is not { } id)
        {
            return;
        }

        if (await ReceivedEvents.EventAsync(id, 0, Aborted) is { } stored)
        {
            _json = TestBenchService.EventJson(stored.Event);
            await RunAsync();
        }
        else
        {
            _errors = [$"There is no event {id} (it may be past the retention period)."];
        }
    }

    private async Task<IEnumerable<string>> SearchPeopleAsync(string? prefix, CancellationToken cancellationToken) =>
        await People.UsernamesAsync(prefix, cancellationToken);

    private Task BuildAsync()
    {
        _json = _form.Fill();
        return RunAsync();
    }

    private async Task RunAsync()
    {
        // A dry run evaluates what is on the screen (see TestBenchForm.JsonToRun).
        _json = _form.JsonToRun(_json);
        (var entityEvent, _errors) = TestBenchService.ReadEvent(_json);
        _verdicts = null;
        _shown = null;
        if (entityEvent is null)
        {
            return;
        }

        _running = true;
        try
        {
            _verdicts = await TestBench.DryRunAsync(entityEvent, Aborted);
            _shown = _verdicts.SelectMany(v => v.Messages).FirstOrDefault();
        }
        finally
        {
            _running = false;
        }
    }
}
