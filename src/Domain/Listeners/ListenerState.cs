namespace Switchboard.Domain.Listeners;

public enum ListenerState
{
    /// <summary>Never checked.</summary>
    Unknown,
    Up,

    /// <summary>The listener answers, but Redis or Creatio fails, or it is slow.</summary>
    Degraded,

    /// <summary>The listener failed the configured number of checks in a row.</summary>
    Down,
}
