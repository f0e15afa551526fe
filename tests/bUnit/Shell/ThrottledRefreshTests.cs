using Microsoft.Extensions.Time.Testing;
using Switchboard.Infrastructure.Changes;
using Switchboard.Portal.Components;

namespace Switchboard.ComponentTests.Shell;

/// <summary>A live page's refresh: at once on the first notice, then at most once per interval however many notices come.</summary>
public sealed class ThrottledRefreshTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private readonly HandFeed _feed = new();
    private readonly FakeTimeProvider _time = new();
    private int _refreshes;

    private ThrottledRefresh Start(ChangeKind kinds = ChangeKind.Envelope) =>
        new(_feed, kinds, () => { Interlocked.Increment(ref _refreshes); return Task.CompletedTask; }, Interval, _time, ex => throw ex);

    [Fact]
    public async Task FirstNotice_RefreshesAtOnce()
    {
        using var live = Start();

        _feed.Raise(ChangeKind.Envelope);

        await Eventually.TrueAsync("one refresh", () => _refreshes == 1);
    }

    [Fact]
    public async Task BurstOfTenThousandNotices_IsOneRefreshNowAndOneAfterTheInterval()
    {
        using var live = Start();
        _feed.Raise(ChangeKind.Envelope);
        await Eventually.TrueAsync("the first refresh", () => _refreshes == 1);

        for (var i = 0; i < 10_000; i++)
        {
            _feed.Raise(ChangeKind.Envelope);
        }

        Assert.Equal(1, _refreshes);
        _time.Advance(Interval);
        await Eventually.TrueAsync("the refresh after the interval", () => _refreshes == 2);
        _time.Advance(Interval);
        _time.Advance(Interval);
        Assert.Equal(2, _refreshes);
    }

    [Fact]
    public void NoticeOfAnotherKind_DoesNotSubscribe()
    {
        using var live = Start(ChangeKind.Envelope);

        Assert.Equal(ChangeKind.Envelope, Assert.Single(_feed.Subscribed));
    }

    [Fact]
    public void Dispose_Unsubscribes()
    {
        var live = Start();

        live.Dispose();

        Assert.Empty(_feed.Subscribed);
    }
}
