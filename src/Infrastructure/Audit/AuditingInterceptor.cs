using Microsoft.EntityFrameworkCore.Diagnostics;
using Switchboard.Domain.Audit;
using Switchboard.Infrastructure.Persistence;

namespace Switchboard.Infrastructure.Audit;

/// <summary>
/// Turns the audit records queued on a <see cref="SwitchboardDbContext"/> (<see cref="SwitchboardDbContext.Audit"/>) into
/// <see cref="AuditEntry"/> rows just before it saves, so that they are written by the same <c>SaveChanges</c>, in the same
/// transaction, as the change they describe: a failed audit write rolls the change back.
/// </summary>
public sealed class AuditingInterceptor(TimeProvider time) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Flush(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Flush(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void Flush(Microsoft.EntityFrameworkCore.DbContext? context)
    {
        if (context is not SwitchboardDbContext db)
        {
            return;
        }

        var pending = db.TakePendingAudit();
        if (pending.Count == 0)
        {
            return;
        }

        var now = time.GetUtcNow().UtcDateTime;
        db.AuditEntries.AddRange(pending.Select(record => AuditEntry.From(record, now)));
    }
}
