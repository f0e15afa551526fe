using Microsoft.EntityFrameworkCore;
using Switchboard.Domain.People;
using Switchboard.Infrastructure.Persistence;

namespace Switchboard.Infrastructure.People;

/// <summary>A person as stored, read for a batch of directory changes: row id, last update, whether deleted, their manager's key and their draft.</summary>
internal sealed record StoredPerson(int Id, string Key, DateTime UpdatedAt, bool Deleted, string? ManagerKey, PersonDraft Draft)
{
    /// <summary>
    /// The people with these keys, in three flat queries: the columns <see cref="PersonDraft.Of"/> reads, with the
    /// manager's name; the roles; the extended attributes. One query that included the roles and attributes made EF Core
    /// build a delegate for every person it read (a quarter of a 1,000-person batch's read); a split query makes SQLite
    /// join every role link against the list of keys (docs/performance.md, People directory).
    /// </summary>
    public static async Task<List<StoredPerson>> ReadAsync(SwitchboardDbContext db, List<string> keys, CancellationToken cancellationToken)
    {
        if (keys.Count == 0)
        {
            return [];
        }

        // The columns of PersonDraft.Of, not the whole row: the search text and the token fields are most of a row's bytes.
        var people = await db.People.AsNoTracking()
            .Where(p => EF.Parameter(keys).Contains(p.UsernameKey))
            .Select(p => new
            {
                p.Id,
                p.UsernameKey,
                p.UpdatedAt,
                p.Deleted,
                ManagerKey = p.Manager == null ? null : p.Manager.UsernameKey,
                Draft = new PersonDraft
                {
                    Username = p.Username,
                    Email = p.Email,
                    FirstName = p.FirstName,
                    LastName = p.LastName,
                    ExternalCode = p.ExternalCode,
                    State = p.State,
                    Disabled = p.Disabled,
                    FormProjection = p.FormProjection,
                    Manager = p.Manager == null ? null : p.Manager.Username,
                    MattermostSyncEnabled = p.MattermostSyncEnabled,
                },
            })
            .ToListAsync(cancellationToken);
        var ids = people.Select(p => p.Id).ToList();
        var roles = (await db.People.AsNoTracking()
                .Where(p => EF.Parameter(ids).Contains(p.Id))
                .SelectMany(p => p.Roles, (p, r) => new { PersonId = p.Id, r.Code })
                .ToListAsync(cancellationToken))
            .ToLookup(r => r.PersonId, r => r.Code);
        var attributes = (await db.Set<ExtendedAttributeValue>().AsNoTracking()
                .Where(a => EF.Parameter(ids).Contains(a.PersonId))
                .Select(a => new { a.PersonId, a.Code, a.Value })
                .ToListAsync(cancellationToken))
            .ToLookup(a => a.PersonId);
        return [.. people.Select(p => new StoredPerson(p.Id, p.UsernameKey, p.UpdatedAt, p.Deleted, p.ManagerKey, p.Draft with
        {
            Roles = roles[p.Id].Order(StringComparer.Ordinal).ToList(),
            Attributes = attributes[p.Id].ToDictionary(a => a.Code, a => a.Value, StringComparer.Ordinal),
        }))];
    }
}
