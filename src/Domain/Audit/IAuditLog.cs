namespace Switchboard.Domain.Audit;

/// <summary>
/// Appends an audit entry that stands alone: a sign-in or sign-out, a refused request, or an action whose effect lies
/// outside the portal's database. A change to stored data is audited in the same transaction as the change instead
/// (queued on the database context that saves it).
/// </summary>
public interface IAuditLog
{
    Task WriteAsync(AuditRecord record, CancellationToken cancellationToken);
}
