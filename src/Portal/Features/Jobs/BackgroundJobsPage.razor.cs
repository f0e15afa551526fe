using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Switchboard.Infrastructure.Changes;
using Switchboard.Infrastructure.Jobs;

namespace Switchboard.Portal.Features.Jobs;

/// <summary>
/// Every hosted service with its state, updated live from the job registry and, for runs on other instances, from the
/// stored history (read again on every job change any instance stores); Run now (Operator) and Pause/Resume (Admin).
/// </summary>
public sealed partial class BackgroundJobsPage
{
    [Inject] private BackgroundJobsService Jobs { get; set; } = default!;
    [Inject] private JobRegistry Registry { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;

    private IReadOnlyList<JobStatus> _jobs = [];
    private NewestRuns _stored = NewestRuns.None;

    protected override async Task OnInitializedAsync()
    {
        _jobs = Jobs.List(_stored);
        Registry.Changed += OnJobsChanged;
        RefreshOn(ChangeKind.JobState, ReloadStoredAsync);
        await ReloadStoredAsync();
    }

    private async Task ReloadStoredAsync()
    {
        _stored = await Jobs.NewestRunsAsync(Aborted);
        _jobs = Jobs.List(_stored);
    }

    private void OnJobsChanged() => _ = InvokeAsync(() =>
    {
        _jobs = Jobs.List(_stored);
        StateHasChanged();
    });

    private async Task RunNowAsync(JobStatus job)
    {
        var user = await UserAsync();
        if (await AttemptAsync(() => Jobs.RunNowAsync(user, job.Name, Aborted)))
        {
            Snackbar.Add($"{job.Name} will run now.", Severity.Info);
        }
    }

    private async Task TogglePauseAsync(JobStatus job)
    {
        var pausing = !job.Paused;
        if (pausing)
        {
            var confirmed = await Dialogs.ShowMessageBoxAsync("Pause job",
                $"Pause the schedule of {job.Name}? It will not run on its own until resumed; Run now still works.",
                yesText: "Pause", cancelText: "Cancel");
            if (confirmed != true)
            {
                return;
            }
        }

        var user = await UserAsync();
        if (await AttemptAsync(() => Jobs.SetPausedAsync(user, job.Name, pausing, Aborted)))
        {
            Snackbar.Add($"{job.Name} {(pausing ? "paused" : "resumed")}.", Severity.Success);
        }
    }

    private static string NextRun(JobStatus job) =>
        job.Continuous ? "runs all the time"
        : job.Startup ? "at the next start of the portal"
        : job.Paused ? "paused"
        : job.NextRunAt?.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "on demand";

    private static string OutcomeLine(JobStatus job) =>
        (job.LastError ?? job.LastMessage) is { } line ? $": {line}" : "";

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Registry.Changed -= OnJobsChanged;
        }

        base.Dispose(disposing);
    }
}
