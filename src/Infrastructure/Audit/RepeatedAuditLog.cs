using Microsoft.EntityFrameworkCore;
using Switchboard.Domain.Audit;
using Switchboard.Infrastructure.Persistence;

namespace Switchboard.Infrastructure.Audit;

/// <summary>
/// The audit trail for what can arrive many times a minute from outside (rejected webhook calls): the first occurrence
/// of a minute for the same actor, action, object and result is appended; the next ones of that minute count into that
/// entry ("5 times in this minute; last: …") instead of each adding a row. Details are capped at
/// <see cref="DetailsMaxLength"/> characters.
/// </summary>
public sealed class RepeatedAuditLog(IDbContextFactory<SwitchboardDbContext> contextFactory, TimeProvider time) : IDisposable
{
    public const int DetailsMaxLength = 1_000;
    private const int MaxTrackedKeys = 1_000;
    private readonly AuditFoldTable _folds = new(MaxTrackedKeys);
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task WriteAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var minute = new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerMinute), DateTimeKind.Utc);
        var capped = record with { Details = Capped(record.Details) };
        var probe = AuditEntry.From(capped, now);
        var key = string.Join('\n', probe.Actor, probe.Action, probe.ObjectType, probe.ObjectId, probe.Result);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var fold = _folds.Next(key, minute);
            await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
            if (fold.EntryId is { } id)
            {
                var details = Capped($"{fold.Count} times in this minute; last: {capped.Details}");
                await db.AuditEntries.Where(e => e.Id == id).ExecuteUpdateAsync(s => s.SetProperty(e => e.Details, details), cancellationToken);
                return;
            }

            db.Audit(capped);
            await db.SaveChangesAsync(cancellationToken);
            _folds.Remember(key, minute, db.AuditEntries.Local.Single().Id);
        }
        finally
        {
            _gate.Release();
        }
    }

    private static string? Capped(string? details) =>
        details is null || details.Length <= DetailsMaxLength ? details : string.Concat(details.AsSpan(0, DetailsMaxLength - 1), "…");

    public void Dispose() => _gate.Dispose();
}
