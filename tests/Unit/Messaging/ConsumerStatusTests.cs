using Switchboard.Infrastructure.Messaging;

namespace Switchboard.UnitTests.Messaging;

public sealed class ConsumerStatusTests
{
    private readonly HandClock _clock = new();

    [Fact]
    public void Rate_IsMessagesPerSecondOverTheLastWindow_AndZeroOnceIdle()
    {
        var status = new ConsumerStatus(_clock);

        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.False(status.CountHandled(500));
        _clock.Advance(TimeSpan.FromSeconds(4));
        Assert.True(status.CountHandled(500));

        Assert.Equal((1000, 200.0), (status.Handled, status.Rate));
        _clock.Advance(TimeSpan.FromSeconds(11));
        Assert.Equal(0, status.Rate);
    }

    [Fact]
    public void LastError_StaysWhileReconnecting_AndGoesOnceConnected()
    {
        var status = new ConsumerStatus(_clock);

        status.Enter(ConnectionState.Reconnecting, "the broker cannot be reached");
        status.Enter(ConnectionState.Reconnecting);
        Assert.Equal("the broker cannot be reached", status.LastError);

        status.Enter(ConnectionState.Connected);
        Assert.Null(status.LastError);
    }

    private sealed class HandClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
