namespace Switchboard.IntegrationTests;

/// <summary>A clock a test moves forward by hand; it starts at the real time, timers stay real.</summary>
public sealed class ManualClock : TimeProvider
{
    private DateTimeOffset _now = DateTimeOffset.UtcNow;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
