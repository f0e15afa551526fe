namespace Switchboard.Domain.Audit;

/// <summary>Appends to the audit trail. Every state-changing action of the portal goes through here.</summary>
public interface IAuditLog
{
    Task WriteAsync(AuditRecord record, CancellationToken cancellationToken);
}
