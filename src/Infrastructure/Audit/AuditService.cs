using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Switchboard.Domain;
using Switchboard.Domain.Audit;
using Switchboard.Domain.People;
using Switchboard.Infrastructure.Persistence;

namespace Switchboard.Infrastructure.Audit;

/// <summary>Reads the audit trail. There is deliberately no way to change or delete an entry.</summary>
public sealed class AuditService(IDbContextFactory<SwitchboardDbContext> contextFactory)
{
    /// <summary>The most rows one CSV export holds (newest first); a wider export needs a narrower filter.</summary>
    public const int MaxExportRows = 100_000;

    public async Task<Paged<AuditEntryView>> QueryAsync(AuditFilter filter, int page, int pageSize, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var query = Filtered(db, filter);

        // Excluding actions, the unordered count read the (Action, At, Id) index from its start, through every excluded
        // sign-in and API call before the first entry it counts (650,000 of a year's 1,000,000: 400 ms); counted newest
        // first, it reads the (At, Id) index and stops at the limit.
        var (total, atLeast) = filter.Exclude is { Length: > 0 }
            ? await query.OrderByDescending(e => e.At).ThenByDescending(e => e.Id).CountUpToLimitAsync(cancellationToken)
            : await query.CountUpToLimitAsync(cancellationToken);
        var items = await query
            .OrderByDescending(e => e.At)
            .ThenByDescending(e => e.Id)
            .Skip(page * pageSize)
            .Take(pageSize)
            .Select(e => new AuditEntryView(e.Id, e.At, e.Actor, e.ActorKind, e.Action, e.ObjectType, e.ObjectId, e.Result, e.Details))
            .ToListAsync(cancellationToken);
        return new Paged<AuditEntryView>(items, total, atLeast);
    }

    /// <summary>One entry, with the directory's username of the person who acted when it knows them; null when there is no such entry.</summary>
    public async Task<AuditEntryDetail?> EntryAsync(long id, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var entry = await db.AuditEntries.AsNoTracking().Where(e => e.Id == id)
            .Select(e => new AuditEntryView(e.Id, e.At, e.Actor, e.ActorKind, e.Action, e.ObjectType, e.ObjectId, e.Result, e.Details))
            .SingleOrDefaultAsync(cancellationToken);
        if (entry is null)
        {
            return null;
        }

        string? person = null;
        if (entry.ActorKind == ActorKind.User)
        {
            var key = Person.KeyOf(entry.Actor);
            person = await db.People.AsNoTracking().Where(p => p.UsernameKey == key).Select(p => p.Username).FirstOrDefaultAsync(cancellationToken);
        }

        return new AuditEntryDetail(entry, person);
    }

    /// <summary>The filtered trail, newest first, for a CSV export (at most <see cref="MaxExportRows"/>), streamed.</summary>
    public async IAsyncEnumerable<AuditEntryView> ExportAsync(AuditFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var rows = Filtered(db, filter)
            .OrderByDescending(e => e.At)
            .ThenByDescending(e => e.Id)
            .Take(MaxExportRows)
            .Select(e => new AuditEntryView(e.Id, e.At, e.Actor, e.ActorKind, e.Action, e.ObjectType, e.ObjectId, e.Result, e.Details))
            .AsAsyncEnumerable();
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            yield return row;
        }
    }

    private static IQueryable<AuditEntry> Filtered(SwitchboardDbContext db, AuditFilter filter)
    {
        var query = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Actor))
        {
            query = query.WhereStartsWithIgnoringCase(db.Database, e => e.Actor, filter.Actor.Trim());
        }

        if (!string.IsNullOrWhiteSpace(filter.Action))
        {
            query = query.Where(e => e.Action == filter.Action);
        }

        if (!string.IsNullOrWhiteSpace(filter.ObjectType))
        {
            query = query.Where(e => e.ObjectType == filter.ObjectType);
        }

        if (!string.IsNullOrWhiteSpace(filter.ObjectId))
        {
            query = query.Where(e => e.ObjectId == filter.ObjectId.Trim());
        }

        if (filter.From is { } from)
        {
            query = query.Where(e => e.At >= from.ToUniversalTime());
        }

        if (filter.To is { } to)
        {
            query = query.Where(e => e.At < to.ToUniversalTime());
        }

        if (filter.Exclude is { Length: > 0 } excluded)
        {
            query = query.Where(e => !excluded.Contains(e.Action));
        }

        return query;
    }

    /// <summary>The action names that occur in the trail, for the filter's drop-down.</summary>
    public async Task<IReadOnlyList<string>> ActionsAsync(CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.AuditEntries.AsNoTracking().Select(e => e.Action).Distinct().OrderBy(a => a).ToListAsync(cancellationToken);
    }
}
