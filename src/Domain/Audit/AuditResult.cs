namespace Switchboard.Domain.Audit;

public enum AuditResult
{
    Success,
    Failure,
    Denied,
}
