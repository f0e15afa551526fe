using Microsoft.AspNetCore.Components;
using MudBlazor;
using Switchboard.Domain.Mattermost;
using Switchboard.Infrastructure.Changes;
using Switchboard.Infrastructure.Mattermost;
using Switchboard.Portal.Components;

namespace Switchboard.Portal.Features.Mattermost;

/// <summary>
/// The token job's page: live progress while a run goes, then the run's summary (it stays until closed or the next
/// run), and the preview with how its numbers relate to the people grid. A run on this instance reports as it goes
/// (<see cref="TokenRegenerationRunner.Changed"/>); a run on another instance is followed through its stored counts,
/// re-read whenever the change feed says the token runs changed.
/// </summary>
public sealed partial class MattermostTokensPage
{
    private IntegrationStatus? _status;
    private TokenRunProgress? _progress;
    private TokenRunRow? _finished;
    private long? _watching;
    private IReadOnlyList<TokenCandidate>? _preview;
    private TokenPeopleGrid? _people;
    private TokenRunHistory? _history;
    private DateTime _lastRender;

    private int Touched => _preview!.Count(p => p.Action is TokenAction.Create or TokenAction.Rotate);
    private int Skipped => _preview!.Count(p => p.Action == TokenAction.Skip);
    private int Kept => _preview!.Count(p => p.Action == TokenAction.Keep);

    private string SkipReasons => Skipped == 0 ? "" : $" ({string.Join(", ", _preview!.Where(p => p.Action == TokenAction.Skip)
        .GroupBy(p => p.Reason.Replace("not eligible: ", "", StringComparison.Ordinal)).Select(g => $"{g.Key}: {g.Count()}"))})";

    /// <summary>A run whose per-person outcomes open with the page (a link from a person's timeline).</summary>
    [SupplyParameterFromQuery(Name = "run")] public long? Run { get; set; }

    protected override async Task OnInitializedAsync()
    {
        _progress = await Tokens.ProgressAsync(Aborted);
        _watching = _progress?.RunId;
        Runner.Changed += OnRunnerChanged;
        _status = await Tokens.StatusAsync(Aborted);
        RefreshOn(ChangeKind.TokenOutcome | ChangeKind.Person, async () =>
        {
            await FollowStoredRunAsync();
            _status = await Tokens.StatusAsync(Aborted);
            await (_history?.ReloadAsync() ?? Task.CompletedTask);
            await (_people?.ReloadAsync() ?? Task.CompletedTask);
        });
    }

    private void OnRunnerChanged()
    {
        var progress = Runner.Progress;
        _watching ??= progress?.RunId;
        var ended = progress is null && _watching is not null;
        _progress = progress;
        // Progress changes many times a second in a big run: render at most every 200 ms, and always at the end.
        if (!ended && DateTime.UtcNow - _lastRender < TimeSpan.FromMilliseconds(200))
        {
            return;
        }

        _lastRender = DateTime.UtcNow;
        _ = InvokeAsync(async () =>
        {
            if (ended)
            {
                await ShowFinishedAsync();
                await (_history?.ReloadAsync() ?? Task.CompletedTask);
                await (_people?.ReloadAsync() ?? Task.CompletedTask);
            }

            StateHasChanged();
        });
    }

    /// <summary>A run on another instance: its progress as stored, and its summary once it has ended.</summary>
    private async Task FollowStoredRunAsync()
    {
        if (Runner.Progress is not null)
        {
            return; // this instance's run reports through OnRunnerChanged
        }

        _progress = await Tokens.ProgressAsync(Aborted);
        _watching ??= _progress?.RunId;
        if (_progress is null)
        {
            await ShowFinishedAsync();
        }
    }

    /// <summary>The run the page watched has ended: its summary replaces the progress bar.</summary>
    private async Task ShowFinishedAsync()
    {
        if (_watching is not { } id || Runner.Progress?.RunId == id)
        {
            return;
        }

        _watching = null;
        _finished = await Tokens.RunAsync(id, Aborted);
    }

    private async Task RunNowAsync()
    {
        await AttemptAsync(async () =>
        {
            var id = await Tokens.StartRunAsync(await UserAsync(), Aborted);
            (_watching, _finished, _progress) = (id, null, await Tokens.ProgressAsync(Aborted));
            Snackbar.Add($"Run {id} started.", Severity.Info);
            if (_progress?.RunId != id)
            {
                await ShowFinishedAsync(); // it ended already (e.g. skipped at the integration check)
            }
        });
    }

    private async Task CancelAsync()
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Cancel the run", "Stop the running token job? Tokens created so far are kept; the others wait for the next run.",
            yesText: "Cancel the run", cancelText: "Keep running");
        if (confirmed == true)
        {
            await AttemptAsync(async () =>
            {
                await Tokens.CancelRunAsync(await UserAsync(), Aborted);
                _progress = await Tokens.ProgressAsync(Aborted);
            });
        }
    }

    private async Task TogglePauseAsync()
    {
        await AttemptAsync(async () =>
        {
            await Jobs.SetPausedAsync(await UserAsync(), TokenRegenerationJob.Name, !_status!.Paused, Aborted);
            _status = await Tokens.StatusAsync(Aborted);
        });
    }

    private async Task PreviewAsync() => _preview = await Tokens.PreviewAsync(Aborted);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Runner.Changed -= OnRunnerChanged;
        }

        base.Dispose(disposing);
    }
}
