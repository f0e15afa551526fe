namespace Switchboard.Domain.Provisioning;

public enum EnvelopeActivityKind
{
    Note,
    Rerun,
    EditedRerun,
    RerunNotSent,
    Resolved,
    Reopened,
    Archived,
    Restored,
    Assigned,
    Tagged,
}
