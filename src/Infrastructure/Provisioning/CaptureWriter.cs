using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Switchboard.Domain.Provisioning;
using Switchboard.Infrastructure.Changes;
using Switchboard.Infrastructure.Persistence;

namespace Switchboard.Infrastructure.Provisioning;

/// <summary>
/// Stores a batch of read messages in one transaction, set-based: requests are kept for reruns, failures become (or
/// update) the envelope of their request, a later success closes it, unreadable messages become envelopes of their own.
/// A message stored before (a redelivery after a broker restart, or a copy arriving on two exchanges) is recognised by
/// its dedupe key and changes nothing. Events and informational logs are not Switchboard's to keep.
/// The batch reads what it can touch (<see cref="CaptureSnapshot"/>), applies each message's rules in memory in arrival
/// order (<see cref="CapturePlan"/>), then writes one statement per table (<see cref="CaptureCommands"/>).
/// </summary>
public sealed class CaptureWriter(IDbContextFactory<SwitchboardDbContext> contextFactory)
{
    public async Task<CaptureSummary> StoreAsync(IReadOnlyList<CapturedMessage> messages, CancellationToken cancellationToken)
    {
        var kept = messages.Where(m => !CapturePlan.IsIgnored(m)).ToList();
        if (kept.Count == 0)
        {
            return new CaptureSummary(0, 0, messages.Count, []);
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var sql = new CaptureCommands(db.Database.GetDbConnection(), transaction.GetDbTransaction(), db.Database.IsNpgsql());
        await sql.LockAsync(cancellationToken);
        var snapshot = await sql.LoadAsync(kept, cancellationToken);
        var plan = new CapturePlan(snapshot);
        foreach (var message in messages)
        {
            plan.Add(message);
        }

        await sql.WriteAsync(plan, snapshot, cancellationToken);
        db.Touched(ChangeKind.Envelope);
        await transaction.CommitAsync(cancellationToken);
        return new CaptureSummary(plan.Messages.Count, plan.Duplicates, plan.Ignored, plan.Touched.OfType<EnvelopeDraft>().Select(e => e.Id!.Value).ToList());
    }
}
