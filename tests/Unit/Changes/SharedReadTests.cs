using Microsoft.Extensions.Time.Testing;
using Switchboard.Infrastructure.Changes;

namespace Switchboard.UnitTests.Changes;

/// <summary>
/// One read for every open page that shows the same thing: callers within the interval share it, and a caller after a
/// notice gets a read that began after that notice (at most one interval later), never an older value.
/// </summary>
public sealed class SharedReadTests : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan KeptFor = TimeSpan.FromSeconds(30);
    private readonly HandFeed _feed = new();
    private readonly FakeTimeProvider _time = new();
    private readonly SharedRead<int> _shared;
    private TaskCompletionSource? _gate;
    private Exception? _failure;
    private int _reads;

    public SharedReadTests() => _shared = new SharedRead<int>(_feed, ChangeKind.Envelope, ReadAsync, Interval, KeptFor, _time);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The value is the number of the read that produced it; a gate, when set, holds the read until opened.</summary>
    private async Task<int> ReadAsync(CancellationToken cancellationToken)
    {
        var read = Interlocked.Increment(ref _reads);
        if (_gate is { } gate)
        {
            await gate.Task.WaitAsync(cancellationToken);
        }

        return _failure is { } failure ? throw failure : read;
    }

    /// <summary>Moves the clock on until <paramref name="pending"/> completes (its read may not be waiting on the clock yet).</summary>
    private async Task<int> AfterIntervalsAsync(Task<int> pending)
    {
        await Eventually.TrueAsync("the read after the interval", () =>
        {
            _time.Advance(Interval);
            return pending.IsCompleted;
        });
        return await pending;
    }

    [Fact]
    public async Task TwoCallersWithinTheInterval_ShareOneRead()
    {
        var first = await _shared.GetAsync(Ct);
        _time.Advance(Interval / 2);
        var second = await _shared.GetAsync(Ct);

        Assert.Equal((1, 1, 1), (first, second, _shared.Reads));
    }

    [Fact]
    public async Task CallersDuringARead_JoinIt()
    {
        _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var callers = Enumerable.Range(0, 40).Select(_ => _shared.GetAsync(Ct)).ToList();

        _gate.SetResult();

        Assert.All(await Task.WhenAll(callers), value => Assert.Equal(1, value));
        Assert.Equal(1, _reads);
    }

    [Fact]
    public async Task ChangeAfterTheInterval_IsSeenAtOnce()
    {
        await _shared.GetAsync(Ct);
        _time.Advance(Interval);

        _feed.Raise(ChangeKind.Envelope);

        Assert.Equal(2, await _shared.GetAsync(Ct));
    }

    [Fact]
    public async Task BurstOfChangesWithinTheInterval_IsOneMoreReadForEveryCaller_AfterTheInterval()
    {
        await _shared.GetAsync(Ct);
        var callers = new List<Task<int>>();
        for (var i = 0; i < 10; i++)
        {
            _feed.Raise(ChangeKind.Envelope);
            callers.Add(_shared.GetAsync(Ct));
        }

        Assert.DoesNotContain(callers, c => c.IsCompleted);
        Assert.Equal(2, await AfterIntervalsAsync(callers[^1]));
        Assert.All(await Task.WhenAll(callers), value => Assert.Equal(2, value));
        Assert.Equal(2, _reads);
    }

    [Fact]
    public async Task NoticeDuringARead_IsNotAnsweredWithThatRead()
    {
        _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var before = _shared.GetAsync(Ct);
        await Eventually.TrueAsync("the first read under way", () => _reads == 1);

        _feed.Raise(ChangeKind.Envelope);
        var after = _shared.GetAsync(Ct);
        _gate.SetResult();

        Assert.Equal(1, await before);
        Assert.Equal(2, await AfterIntervalsAsync(after));
    }

    [Fact]
    public async Task NoticeOfAnotherKind_KeepsTheValue()
    {
        await _shared.GetAsync(Ct);

        _feed.Raise(ChangeKind.Event | ChangeKind.AuditEntry);

        Assert.Equal(1, await _shared.GetAsync(Ct));
    }

    [Fact]
    public async Task ValueWithoutChange_IsKeptForItsTime_ThenReadAgain()
    {
        await _shared.GetAsync(Ct);

        _time.Advance(KeptFor - TimeSpan.FromMilliseconds(1));
        var kept = await _shared.GetAsync(Ct);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        var again = await _shared.GetAsync(Ct);

        Assert.Equal((1, 2), (kept, again));
    }

    [Fact]
    public async Task FailedRead_IsNotKept()
    {
        _failure = new InvalidOperationException("database is locked");
        await Assert.ThrowsAsync<InvalidOperationException>(() => _shared.GetAsync(Ct));

        _failure = null;

        Assert.Equal(2, await AfterIntervalsAsync(_shared.GetAsync(Ct)));
    }

    [Fact]
    public async Task CallerGoingAway_DoesNotCancelTheReadOthersWaitFor()
    {
        _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var leaving = new CancellationTokenSource();
        var left = _shared.GetAsync(leaving.Token);
        var staying = _shared.GetAsync(Ct);

        await leaving.CancelAsync();
        _gate.SetResult();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => left);
        Assert.Equal(1, await staying);
    }

    [Fact]
    public void Dispose_Unsubscribes()
    {
        _shared.Dispose();

        Assert.Empty(_feed.Subscribed);
    }

    public void Dispose() => _shared.Dispose();
}
