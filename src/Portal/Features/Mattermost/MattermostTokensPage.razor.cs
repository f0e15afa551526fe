using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Switchboard.Domain.Mattermost;
using Switchboard.Infrastructure.Mattermost;
using Switchboard.Portal.Auth;

namespace Switchboard.Portal.Features.Mattermost;

/// <summary>
/// The token job's page: live progress while a run goes, then the run's summary (it stays until closed or the next
/// run), and the preview with how its numbers relate to the people grid.
/// </summary>
public sealed partial class MattermostTokensPage : IDisposable
{
    private IntegrationStatus? _status;
    private TokenRunProgress? _progress;
    private TokenRunRow? _finished;
    private long? _watching;
    private IReadOnlyList<TokenCandidate>? _preview;
    private TokenPeopleGrid? _people;
    private TokenRunHistory? _history;
    private DateTime _lastRender;

    [CascadingParameter] private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    private int Touched => _preview!.Count(p => p.Action is TokenAction.Create or TokenAction.Rotate);
    private int Skipped => _preview!.Count(p => p.Action == TokenAction.Skip);
    private int Kept => _preview!.Count(p => p.Action == TokenAction.Keep);

    private string SkipReasons => Skipped == 0 ? "" : $" ({string.Join(", ", _preview!.Where(p => p.Action == TokenAction.Skip)
        .GroupBy(p => p.Reason.Replace("not eligible: ", "", StringComparison.Ordinal)).Select(g => $"{g.Key}: {g.Count()}"))})";

    protected override async Task OnInitializedAsync()
    {
        _progress = Runner.Progress;
        _watching = _progress?.RunId;
        Runner.Changed += OnRunnerChanged;
        _status = await Tokens.StatusAsync(CancellationToken.None);
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

    /// <summary>The run the page watched has ended: its summary replaces the progress bar.</summary>
    private async Task ShowFinishedAsync()
    {
        if (_watching is not { } id || Runner.Progress?.RunId == id)
        {
            return;
        }

        _watching = null;
        _finished = await Tokens.RunAsync(id, CancellationToken.None);
    }

    private async Task RunNowAsync()
    {
        try
        {
            var id = await Tokens.StartRunAsync((await AuthenticationState).User, CancellationToken.None);
            (_watching, _finished, _progress) = (id, null, Runner.Progress);
            Snackbar.Add($"Run {id} started.", Severity.Info);
            if (_progress?.RunId != id)
            {
                await ShowFinishedAsync(); // it ended already (e.g. skipped at the integration check)
            }
        }
        catch (AccessDeniedException denied)
        {
            Snackbar.Add(denied.Message, Severity.Error);
        }
    }

    private async Task CancelAsync()
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Cancel the run", "Stop the running token job? Tokens created so far are kept; the others wait for the next run.",
            yesText: "Cancel the run", cancelText: "Keep running");
        if (confirmed == true)
        {
            await Tokens.CancelRunAsync((await AuthenticationState).User, CancellationToken.None);
        }
    }

    private async Task TogglePauseAsync()
    {
        try
        {
            await Jobs.SetPausedAsync((await AuthenticationState).User, TokenRegenerationJob.Name, !_status!.Paused, CancellationToken.None);
            _status = await Tokens.StatusAsync(CancellationToken.None);
        }
        catch (AccessDeniedException denied)
        {
            Snackbar.Add(denied.Message, Severity.Error);
        }
    }

    private async Task PreviewAsync() => _preview = await Tokens.PreviewAsync(CancellationToken.None);

    public void Dispose() => Runner.Changed -= OnRunnerChanged;
}
