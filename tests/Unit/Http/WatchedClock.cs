using Microsoft.Extensions.Time.Testing;

namespace Switchboard.UnitTests.Http;

/// <summary>
/// A fake clock that also tells when timers of a given length have been started (created or changed, as a cancellation
/// token source's timer is), so a test moves time only once something waits on it, never racing the code under test.
/// </summary>
public sealed class WatchedClock : FakeTimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<TimeSpan> _started = [];
    private readonly List<(TimeSpan Due, int Count, TaskCompletionSource Reached)> _waiters = [];

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new WatchedTimer(base.CreateTimer(callback, state, dueTime, period), this);
        Started(dueTime);
        return timer;
    }

    /// <summary>Completes once <paramref name="count"/> timers due after <paramref name="due"/> have been started since the clock was made.</summary>
    public Task TimersStartedAsync(TimeSpan due, int count = 1)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (_started.Count(d => d == due) >= count)
            {
                return Task.CompletedTask;
            }

            _waiters.Add((due, count, reached));
        }

        return reached.Task.WaitAsync(TimeSpan.FromSeconds(30), TimeProvider.System);
    }

    private void Started(TimeSpan due)
    {
        if (due == Timeout.InfiniteTimeSpan)
        {
            return;
        }

        lock (_gate)
        {
            _started.Add(due);
            foreach (var waiter in _waiters.Where(w => _started.Count(d => d == w.Due) >= w.Count).ToList())
            {
                waiter.Reached.TrySetResult();
                _waiters.Remove(waiter);
            }
        }
    }

    private sealed class WatchedTimer(ITimer timer, WatchedClock clock) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            var changed = timer.Change(dueTime, period);
            clock.Started(dueTime);
            return changed;
        }

        public void Dispose() => timer.Dispose();

        public ValueTask DisposeAsync() => timer.DisposeAsync();
    }
}
