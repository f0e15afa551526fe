using Switchboard.Infrastructure.Changes;

namespace Switchboard.Portal.Components;

/// <summary>
/// Runs a page's refresh when the <see cref="IChangeFeed"/> tells of a change it shows: the first notice right away, then
/// at most once per <c>atMostEvery</c>, however many notices arrive meanwhile (a burst of ten thousand changes is a
/// refresh or two, not ten thousand renders); a notice during a refresh or the pause after it brings one more refresh.
/// One refresh at a time; ends (and unsubscribes) when disposed.
/// </summary>
public sealed class ThrottledRefresh : IDisposable
{
    private readonly Func<Task> _refresh;
    private readonly TimeSpan _atMostEvery;
    private readonly TimeProvider _time;
    private readonly Action<Exception> _failed;
    private readonly CancellationTokenSource _stopping = new();
    private readonly SemaphoreSlim _signal = new(0, 1);
    private readonly IDisposable _subscription;
    private int _disposed;

    /// <param name="refresh">Reads again and renders (called through the component's dispatcher).</param>
    /// <param name="failed">A refresh that threw for another reason than the page going away.</param>
    public ThrottledRefresh(IChangeFeed feed, ChangeKind kinds, Func<Task> refresh, TimeSpan atMostEvery, TimeProvider time, Action<Exception> failed)
    {
        _refresh = refresh;
        _atMostEvery = atMostEvery;
        _time = time;
        _failed = failed;
        _subscription = feed.Subscribe(kinds, _ => Signal());
        _ = RunAsync();
    }

    /// <summary>How many refreshes ran (for tests and the figures).</summary>
    public int Refreshes { get; private set; }

    private void Signal()
    {
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // A refresh is already due: this notice is folded into it.
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private async Task RunAsync()
    {
        var stopping = _stopping.Token;
        try
        {
            while (true)
            {
                await _signal.WaitAsync(stopping);
                try
                {
                    await _refresh();
                    Refreshes++;
                }
                catch (Exception ex) when (!stopping.IsCancellationRequested && ex is not ObjectDisposedException)
                {
                    _failed(ex);
                }

                await Task.Delay(_atMostEvery, _time, stopping);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        catch (ObjectDisposedException) when (stopping.IsCancellationRequested)
        {
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _subscription.Dispose();
            _stopping.Cancel();
            _stopping.Dispose();
        }
    }
}
