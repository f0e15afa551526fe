using Microsoft.AspNetCore.Components;
using MudBlazor;
using Switchboard.Domain.Events;
using Switchboard.Infrastructure.Notifications;
using Switchboard.Infrastructure.People;

namespace Switchboard.Portal.Features.Notifications;

/// <summary>The test bench: build or paste an event and dry-run it against every configuration; nothing is stored or sent.</summary>
public sealed partial class TestBenchTab
{
    [Inject] private TestBenchService TestBench { get; set; } = default!;
    [Inject] private PeopleService People { get; set; } = default!;

    private readonly TestBenchForm _form = new();
    private string _json = TestBenchService.SampleEvent(EntityTypes.IdmIdentity);
    private IReadOnlyList<string> _errors = [];
    private IReadOnlyList<ConfigurationVerdict>? _verdicts;
    private PlannedMessage? _shown;
    private bool _running;

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

    private static string Label(VerdictKind kind) => kind switch
    {
        VerdictKind.Fired => "fires",
        VerdictKind.NotApplicable => "does not apply",
        VerdictKind.RuleNotMatched => "rule does not fire",
        _ => "fails",
    };

    private static Color Colour(VerdictKind kind) => kind switch
    {
        VerdictKind.Fired => Color.Success,
        VerdictKind.Failed => Color.Error,
        _ => Color.Default,
    };
}
