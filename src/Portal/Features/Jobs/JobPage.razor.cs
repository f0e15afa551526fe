using Microsoft.AspNetCore.Components;
using Switchboard.Infrastructure.Changes;
using Switchboard.Infrastructure.Jobs;

namespace Switchboard.Portal.Features.Jobs;

/// <summary>One background job: its state and its runs from every instance, newest first; a run that starts or ends here reloads the list.</summary>
public sealed partial class JobPage
{
    [Inject] private BackgroundJobsService Jobs { get; set; } = default!;
    [Inject] private JobRegistry Registry { get; set; } = default!;

    private JobHandle? _handle;
    private JobStatus? _job;
    private JobRunHistory? _history;
    private NewestRuns _stored = NewestRuns.None;

    [Parameter] public string Name { get; set; } = "";

    protected override void OnInitialized() => RefreshOn(ChangeKind.JobState, async () =>
    {
        await ReloadStoredAsync();
        await (_history?.ReloadAsync() ?? Task.CompletedTask);
    });

    protected override async Task OnParametersSetAsync()
    {
        Unsubscribe();
        _handle = Registry.Find(Name);
        _job = Jobs.Find(Name, _stored);
        if (_handle is not null)
        {
            _handle.Changed += OnJobChanged;
        }

        await ReloadStoredAsync();
    }

    private async Task ReloadStoredAsync()
    {
        _stored = await Jobs.NewestRunsAsync(Aborted);
        _job = Jobs.Find(Name, _stored);
    }

    private void OnJobChanged() => _ = InvokeAsync(async () =>
    {
        var running = _job?.Running;
        _job = Jobs.Find(Name, _stored);
        if (_job?.Running != running && _history is not null)
        {
            await _history.ReloadAsync();
        }

        StateHasChanged();
    });

    private void Unsubscribe()
    {
        if (_handle is not null)
        {
            _handle.Changed -= OnJobChanged;
        }
    }

    protected override void Dispose(bool disposing)
    {
        Unsubscribe();
        base.Dispose(disposing);
    }
}
