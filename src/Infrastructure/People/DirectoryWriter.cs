using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Switchboard.Domain.Audit;
using Switchboard.Domain.People;
using Switchboard.Infrastructure.Changes;
using Switchboard.Infrastructure.Persistence;

namespace Switchboard.Infrastructure.People;

/// <summary>
/// Applies directory changes atomically: a batch is checked as a whole and stored in one transaction, or not at all.
/// Every way in (identity events, the API, CSV import, the edit form) writes through here.
/// </summary>
public sealed class DirectoryWriter(IDbContextFactory<SwitchboardDbContext> contextFactory, TimeProvider time)
{
    /// <summary>Every reason the batch would be refused, without storing anything.</summary>
    public async Task<IReadOnlyList<DirectoryError>> CheckAsync(IReadOnlyList<PersonDraft> drafts, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await CheckAsync(db, drafts, cancellationToken);
    }

    /// <param name="audited">The audit entry for a stored batch, written in the batch's transaction; null for none.</param>
    public async Task<DirectoryWriteResult> UpsertAsync(
        IReadOnlyList<PersonDraft> drafts, CancellationToken cancellationToken, Func<DirectoryWriteResult, AuditRecord>? audited = null)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var errors = await CheckAsync(db, drafts, cancellationToken);
        if (errors.Count > 0)
        {
            return DirectoryWriteResult.Invalid(errors);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var batchKeys = drafts.Select(d => Person.KeyOf(d.Username)).ToList();
        var people = await db.People
            .Where(p => EF.Parameter(batchKeys).Contains(p.UsernameKey))
            .Include(p => p.Roles)
            .Include(p => p.Attributes)
            .AsSingleQuery()
            .ToDictionaryAsync(p => p.UsernameKey, cancellationToken);
        var (existing, fresh) = (drafts.Where(d => people.ContainsKey(Person.KeyOf(d.Username))).ToList(),
            drafts.Where(d => !people.ContainsKey(Person.KeyOf(d.Username))).ToList());
        var managerKeys = drafts
            .Where(d => !string.IsNullOrWhiteSpace(d?.Manager))
            .Select(d => Person.KeyOf(d.Manager!))
            .Where(k => !people.ContainsKey(k))
            .Distinct()
            .ToList();
        foreach (var manager in await db.People.Where(p => EF.Parameter(managerKeys).Contains(p.UsernameKey)).ToListAsync(cancellationToken))
        {
            people[manager.UsernameKey] = manager;
        }

        var roles = await RolesAsync(db, drafts, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var freshIds = await new NewPeopleInserter(db).InsertAsync(fresh, roles, now, cancellationToken);

        // Existing people go through the change tracker; a new person one of them now reports to is loaded for that.
        var newManagers = existing
            .Where(d => !string.IsNullOrWhiteSpace(d.Manager) && freshIds.ContainsKey(Person.KeyOf(d.Manager!)))
            .Select(d => freshIds[Person.KeyOf(d.Manager!)])
            .Distinct()
            .ToList();
        foreach (var manager in await db.People.Where(p => EF.Parameter(newManagers).Contains(p.Id)).ToListAsync(cancellationToken))
        {
            people[manager.UsernameKey] = manager;
        }

        foreach (var draft in existing)
        {
            var manager = string.IsNullOrWhiteSpace(draft.Manager) ? null : people[Person.KeyOf(draft.Manager)];
            var personRoles = draft.Roles.Distinct(StringComparer.Ordinal).Select(code => roles[code]).ToList();
            people[Person.KeyOf(draft.Username)].Apply(draft, manager, personRoles, now);
        }

        var result = new DirectoryWriteResult(fresh.Count, existing.Count, []);
        if (audited is not null)
        {
            db.Audit(audited(result));
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    private static async Task<IReadOnlyList<DirectoryError>> CheckAsync(
        SwitchboardDbContext db, IReadOnlyList<PersonDraft> drafts, CancellationToken cancellationToken)
    {
        if (drafts.Count > DirectoryRules.MaxBatchSize)
        {
            return [new DirectoryError(DirectoryRules.MaxBatchSize, "items", $"a batch holds at most {DirectoryRules.MaxBatchSize} people")];
        }

        // Every problem at once: the managers are checked even when items have other problems.
        var errors = DirectoryRules.CheckItems(drafts);
        var batchKeys = drafts.Where(d => !string.IsNullOrWhiteSpace(d?.Username)).Select(d => Person.KeyOf(d.Username)).ToList();
        errors.AddRange(DirectoryRules.CheckManagers(drafts, await StoredManagerChainsAsync(db, drafts, batchKeys, cancellationToken)));
        return errors.OrderBy(e => e.Index).ToList();
    }

    /// <returns>False when there is no such person.</returns>
    public async Task<bool> MarkDeletedAsync(string username, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var key = Person.KeyOf(username);
        var person = await db.People.SingleOrDefaultAsync(p => p.UsernameKey == key, cancellationToken);
        if (person is null)
        {
            return false;
        }

        person.MarkDeleted(time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Stores changes to people the caller has read and checked against the directory's rules (a batch of identity
    /// events), in one transaction of prepared commands, and marks deleted the people named in <paramref name="deleted"/>
    /// after them. The rows are those <see cref="UpsertAsync"/> would store for the same drafts.
    /// </summary>
    /// <returns>False, with nothing stored, when one of the people changed since the caller read them.</returns>
    internal async Task<bool> UpdateReadAsync(IReadOnlyList<StoredPersonChange> changes, IReadOnlyCollection<string> deleted, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var roles = await RolesAsync(db, changes.Select(c => c.Wanted).ToList(), cancellationToken);
        if (!await new StoredPeopleUpdater(db).UpdateAsync(changes, roles, now, cancellationToken))
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }

        var postgres = db.Database.IsNpgsql();
        using (var rows = new JsonRows(postgres))
        {
            foreach (var key in deleted.Select(Person.KeyOf).Distinct())
            {
                rows.Row().Add("key", key).Add("now", now);
            }

            await rows.ExecuteAsync(db.Database.GetDbConnection(), transaction.GetDbTransaction(), $"""
                UPDATE "People" SET "Deleted" = TRUE, "DeletedAt" = r."now", "UpdatedAt" = r."now"
                FROM {JsonRows.From(postgres, "rows", ("key", "text"), ("now", "timestamptz"))}
                WHERE "People"."UsernameKey" = r."key"
                """, cancellationToken);
        }

        db.Touched(ChangeKind.Person);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Who manages whom among the stored people the batch's manager chains reach, read level by level (a chain is
    /// as deep as the organisation, so this is a handful of queries, not one per person).
    /// </summary>
    private static async Task<Dictionary<string, string?>> StoredManagerChainsAsync(
        SwitchboardDbContext db, IReadOnlyList<PersonDraft> drafts, List<string> batchKeys, CancellationToken cancellationToken)
    {
        var inBatch = batchKeys.ToHashSet(StringComparer.Ordinal);
        var known = new Dictionary<string, string?>(StringComparer.Ordinal);
        var next = drafts
            .Where(d => !string.IsNullOrWhiteSpace(d?.Manager))
            .Select(d => Person.KeyOf(d.Manager!))
            .Where(k => !inBatch.Contains(k))
            .Distinct()
            .ToList();
        while (next.Count > 0)
        {
            var level = next;
            var rows = await db.People.AsNoTracking()
                .Where(p => EF.Parameter(level).Contains(p.UsernameKey) && !p.Deleted)
                .Select(p => new { p.UsernameKey, ManagerKey = p.Manager == null ? null : p.Manager.UsernameKey })
                .ToListAsync(cancellationToken);
            foreach (var row in rows)
            {
                known[row.UsernameKey] = row.ManagerKey;
            }

            next = rows
                .Select(r => r.ManagerKey)
                .OfType<string>()
                .Where(k => !known.ContainsKey(k) && !inBatch.Contains(k))
                .Distinct()
                .ToList();
        }

        return known;
    }

    private static async Task<Dictionary<string, Role>> RolesAsync(
        SwitchboardDbContext db, IReadOnlyList<PersonDraft> drafts, CancellationToken cancellationToken)
    {
        var codes = drafts.SelectMany(d => d.Roles).Distinct(StringComparer.Ordinal).ToList();
        var roles = await db.Roles.Where(r => EF.Parameter(codes).Contains(r.Code)).ToDictionaryAsync(r => r.Code, StringComparer.Ordinal, cancellationToken);
        foreach (var code in codes.Where(c => !roles.ContainsKey(c)))
        {
            roles[code] = db.Roles.Add(Role.Create(code)).Entity;
        }

        // New roles need their ids before new people are linked to them.
        await db.SaveChangesAsync(cancellationToken);
        return roles;
    }
}
