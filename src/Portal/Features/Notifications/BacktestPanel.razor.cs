using Microsoft.AspNetCore.Components;
using Switchboard.Infrastructure.Notifications;
using Switchboard.Portal.Components;

namespace Switchboard.Portal.Features.Notifications;

/// <summary>
/// The editor's backtest: runs the configuration as edited (unsaved) over the last N days of stored events beside its
/// saved version, with progress, and can be cancelled (also by leaving the page).
/// </summary>
public sealed partial class BacktestPanel
{
    [Inject] private BacktestService Backtests { get; set; } = default!;

    private int _days = BacktestService.DefaultDays;
    private string? _daysError;
    private bool _running;
    private BacktestProgress? _progress;
    private BacktestResult? _result;
    private string? _notice;
    private CancellationTokenSource? _cancel;

    /// <summary>The form being edited; read when the backtest starts.</summary>
    [Parameter, EditorRequired] public ConfigurationForm Form { get; set; } = default!;

    /// <summary>The saved configuration to compare with, or null for a new one.</summary>
    [Parameter] public int? SavedId { get; set; }

    private async Task RunAsync()
    {
        (_running, _progress, _result, _notice, _daysError) = (true, null, null, null, null);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Aborted);
        _cancel = cancel;
        var draft = Form.ToDraft();
        var progress = new Progress<BacktestProgress>(p => _ = InvokeAsync(() =>
        {
            _progress = p;
            StateHasChanged();
        }));
        try
        {
            // Off the circuit's thread: the page stays responsive and renders the progress meanwhile.
            await AttemptAsync(async () => _result = await Task.Run(() => Backtests.RunAsync(draft, SavedId, _days, progress, cancel.Token), cancel.Token),
                invalid =>
                {
                    _daysError = invalid.GetValueOrDefault("Days");
                    _notice = string.Join(" ", invalid.Where(e => e.Key != "Days").Select(e => e.Value)) is { Length: > 0 } other ? other : null;
                });
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested && !Aborted.IsCancellationRequested)
        {
            _notice = "Backtest cancelled.";
        }
        finally
        {
            (_running, _cancel) = (false, null);
        }
    }

    private void Cancel() => _cancel?.Cancel();
}
