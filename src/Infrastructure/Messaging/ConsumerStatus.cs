namespace Switchboard.Infrastructure.Messaging;

/// <summary>
/// Where a broker consumer stands: connection state and since when, the last connection problem, and how many messages
/// it handled and how fast (over the last few seconds). Read by the Background jobs page and the consumer's own page.
/// </summary>
public class ConsumerStatus(TimeProvider clock)
{
    private static readonly TimeSpan RateWindow = TimeSpan.FromSeconds(5);
    private readonly Lock _lock = new();
    private long _handled;
    private long _windowStartCount;
    private double _rate;
    private DateTime _windowStart = clock.GetUtcNow().UtcDateTime;

    public ConnectionState State { get; private set; } = ConnectionState.NotConfigured;
    public DateTime Since { get; private set; } = clock.GetUtcNow().UtcDateTime;

    /// <summary>Why the last connection attempt failed or the connection closed; never contains the URI or its password.</summary>
    public string? LastError { get; private set; }
    public DateTime? LastMessageAt { get; private set; }

    /// <summary>Messages stored and acknowledged since the portal started.</summary>
    public long Handled => Interlocked.Read(ref _handled);

    /// <summary>Messages per second over the last window of at least five seconds (0 once idle for two windows).</summary>
    public double Rate => LastMessageAt is { } at && clock.GetUtcNow().UtcDateTime - at < RateWindow * 2 ? _rate : 0;

    protected TimeProvider Clock => clock;

    public void Enter(ConnectionState state, string? error = null)
    {
        lock (_lock)
        {
            if (state != State)
            {
                Since = clock.GetUtcNow().UtcDateTime;
            }

            State = state;
            LastError = error ?? (state == ConnectionState.Connected ? null : LastError);
        }
    }

    /// <summary>Counts a batch stored and acknowledged.</summary>
    /// <returns>True when the rate was recomputed (at most every five seconds), the moment to show it.</returns>
    public bool CountHandled(int count)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var total = Interlocked.Add(ref _handled, count);
        LastMessageAt = now;
        lock (_lock)
        {
            var elapsed = now - _windowStart;
            if (elapsed < RateWindow)
            {
                return false;
            }

            _rate = (total - _windowStartCount) / elapsed.TotalSeconds;
            _windowStart = now;
            _windowStartCount = total;
            return true;
        }
    }
}
