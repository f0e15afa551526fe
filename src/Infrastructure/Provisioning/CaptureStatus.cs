namespace Switchboard.Infrastructure.Provisioning;

/// <summary>Where the capture from the broker stands, for the page's connection chip and the health of the feature.</summary>
public sealed class CaptureStatus(TimeProvider clock)
{
    private readonly Lock _lock = new();
    private long _stored;
    private long _duplicates;
    private long _ignored;

    public ConnectionState State { get; private set; } = ConnectionState.NotConfigured;
    public DateTime Since { get; private set; } = clock.GetUtcNow().UtcDateTime;

    /// <summary>Why the last connection attempt failed; never contains the URI or its password.</summary>
    public string? LastError { get; private set; }
    public DateTime? LastMessageAt { get; private set; }
    public long Stored => Interlocked.Read(ref _stored);
    public long Duplicates => Interlocked.Read(ref _duplicates);
    public long Ignored => Interlocked.Read(ref _ignored);

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

    public void Count(CaptureSummary summary)
    {
        Interlocked.Add(ref _stored, summary.Stored);
        Interlocked.Add(ref _duplicates, summary.Duplicates);
        Interlocked.Add(ref _ignored, summary.Ignored);
        LastMessageAt = clock.GetUtcNow().UtcDateTime;
    }
}
