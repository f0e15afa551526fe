namespace Switchboard.Bench.YearOfData;

/// <summary>
/// The portal's clock set back to the moment the database was filled (and ticking from there), so a database filled an
/// hour ago still has its last listener checks "just now": the overview's heartbeat and uptime read what they would live.
/// </summary>
internal sealed class ShiftedClock(TimeSpan behind) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() - behind;
}
