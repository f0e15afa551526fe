namespace Switchboard.Domain.Provisioning;

public enum EnvelopeState
{
    /// <summary>Softfailed: the daemon tries again on its own.</summary>
    Retrying,
    Failed,

    /// <summary>A rerun was published; waiting for the daemon's reply.</summary>
    Rerunning,

    /// <summary>A later success reply for the same request (or one of its reruns) arrived.</summary>
    SucceededLater,

    /// <summary>Closed by a person, with a note.</summary>
    Resolved,
}
