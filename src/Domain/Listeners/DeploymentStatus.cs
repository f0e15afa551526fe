namespace Switchboard.Domain.Listeners;

/// <summary>
/// Where one deployment stands. A failed check is counted; the deployment goes Down only after
/// <c>downAfter</c> failures in a row, so one blip is not an outage. The listener answering but Redis or Creatio failing,
/// or answering slower than the threshold, is Degraded.
/// </summary>
public sealed class DeploymentStatus
{
    private DeploymentStatus()
    {
    }

    public string Deployment { get; private set; } = "";
    public ListenerState State { get; private set; }
    public DateTime Since { get; private set; }
    public int ConsecutiveFailures { get; private set; }
    public DateTime? LastCheckAt { get; private set; }
    public int? LastLatencyMilliseconds { get; private set; }

    public static DeploymentStatus New(string deployment, DateTime now) => new() { Deployment = deployment, State = ListenerState.Unknown, Since = now };

    /// <returns>The state before, when this check changed it; null otherwise.</returns>
    public ListenerState? Record(ProbeResult probe, DateTime at, int downAfter, TimeSpan slowAfter)
    {
        ConsecutiveFailures = probe.ListenerUp ? 0 : ConsecutiveFailures + 1;
        LastCheckAt = at;
        LastLatencyMilliseconds = probe.LatencyMilliseconds;
        var next = probe.ListenerUp
            ? probe.RedisUp == false || probe.CreatioUp == false || probe.LatencyMilliseconds > slowAfter.TotalMilliseconds ? ListenerState.Degraded : ListenerState.Up
            : ConsecutiveFailures >= downAfter ? ListenerState.Down
            : State == ListenerState.Unknown ? ListenerState.Degraded : State;
        if (next == State)
        {
            return null;
        }

        var before = State;
        (State, Since) = (next, at);
        return before;
    }
}
