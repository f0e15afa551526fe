namespace Switchboard.ExchangeListenerSimulator;

/// <summary>How the simulated listener answers; "down" is a closed port: stop the simulator (or point at a port with nothing listening).</summary>
public sealed class ListenerSimulatorState
{
    private int _checks;

    public ListenerMode Mode { get; set; } = ListenerMode.Healthy;
    public TimeSpan Latency { get; set; }
    public int Checks => Volatile.Read(ref _checks);

    public void Counted() => Interlocked.Increment(ref _checks);
}

public enum ListenerMode
{
    Healthy,

    /// <summary>Answers 500 with an error body.</summary>
    Failing,

    /// <summary>Never answers (until the caller gives up).</summary>
    Hanging,
}
