namespace Switchboard.Domain.Provisioning;

public enum EnvelopeKind
{
    /// <summary>A failed reply or failure log, linked to its request.</summary>
    Failure,

    /// <summary>A message that could not be read; kept with its raw body, properties and the reason.</summary>
    Unreadable,
}
