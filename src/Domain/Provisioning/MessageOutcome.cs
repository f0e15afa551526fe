namespace Switchboard.Domain.Provisioning;

/// <summary>What a captured message says about its request.</summary>
public enum MessageOutcome
{
    /// <summary>A request, an event or an informational log: no verdict.</summary>
    None,
    Success,

    /// <summary>A temporary failure the daemon will try again.</summary>
    Softfail,

    /// <summary>A failure the daemon will never try again.</summary>
    Hardfail,
}
