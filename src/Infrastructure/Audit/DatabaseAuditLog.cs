using Microsoft.EntityFrameworkCore;
using Switchboard.Domain.Audit;
using Switchboard.Infrastructure.Persistence;

namespace Switchboard.Infrastructure.Audit;

internal sealed class DatabaseAuditLog(IDbContextFactory<SwitchboardDbContext> contextFactory, TimeProvider time) : IAuditLog
{
    public async Task WriteAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        db.AuditEntries.Add(AuditEntry.From(record, time.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync(cancellationToken);
    }
}
