using Microsoft.EntityFrameworkCore;
using Switchboard.Domain.Audit;
using Switchboard.Infrastructure.Persistence;

namespace Switchboard.Infrastructure.Audit;

/// <summary>
/// Audit entries that describe no stored change of their own (a sign-in, a refusal, a call to an outside system): written
/// alone, through the same queue as every other entry. A change to stored data is audited on its own context instead
/// (<see cref="SwitchboardDbContext.Audit"/>), so the two commit together.
/// </summary>
public sealed class DatabaseAuditLog(IDbContextFactory<SwitchboardDbContext> contextFactory) : IAuditLog
{
    public async Task WriteAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        db.Audit(record);
        await db.SaveChangesAsync(cancellationToken);
    }
}
