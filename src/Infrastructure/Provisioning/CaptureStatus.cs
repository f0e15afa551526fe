using Switchboard.Infrastructure.Messaging;

namespace Switchboard.Infrastructure.Provisioning;

/// <summary>Where the capture from the broker stands, for the page's connection chip and the health of the feature: the consumer's state and what it stored.</summary>
public sealed class CaptureStatus(TimeProvider clock) : ConsumerStatus(clock)
{
    private long _stored;
    private long _duplicates;
    private long _ignored;

    public long Stored => Interlocked.Read(ref _stored);
    public long Duplicates => Interlocked.Read(ref _duplicates);
    public long Ignored => Interlocked.Read(ref _ignored);

    public void Count(CaptureSummary summary)
    {
        Interlocked.Add(ref _stored, summary.Stored);
        Interlocked.Add(ref _duplicates, summary.Duplicates);
        Interlocked.Add(ref _ignored, summary.Ignored);
    }
}
