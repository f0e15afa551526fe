using Microsoft.EntityFrameworkCore;
using Switchboard.Domain.Events;
using Switchboard.Domain.People;
using Switchboard.Infrastructure.Persistence;

namespace Switchboard.Infrastructure.People;

/// <summary>
/// The directory a batch of identity events works on, in memory: the people the batch reads, as stored, and who manages
/// whom along every manager chain the batch reaches. Each change is applied here in order, checked by the directory's
/// rules against the directory as the earlier changes left it; what survives is stored in one batch at the end.
/// </summary>
internal sealed class BatchDirectory
{
    private readonly SwitchboardDbContext _db;
    private readonly DateTime _now;
    private readonly Dictionary<string, PersonState?> _before;
    private readonly Dictionary<string, PersonState?> _current;

    /// <summary>Who manages whom among the people that exist (not deleted), as the changes so far leave it.</summary>
    private readonly Dictionary<string, string?> _managerOf = new(StringComparer.Ordinal);

    /// <summary>Keys already looked for in the database (found or not).</summary>
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);
    private readonly List<(long EventId, string Key, PersonState State)> _changes = [];
    private readonly HashSet<string> _upserted = new(StringComparer.Ordinal);
    private readonly HashSet<string> _deleted = new(StringComparer.Ordinal);

    /// <summary>The row id and last update of each person read from the database.</summary>
    private readonly Dictionary<string, (int Id, DateTime UpdatedAt)> _stored = new(StringComparer.Ordinal);

    private BatchDirectory(SwitchboardDbContext db, DateTime now, Dictionary<string, PersonState?> before) =>
        (_db, _now, _before, _current) = (db, now, before, new Dictionary<string, PersonState?>(before, StringComparer.Ordinal));

    public static async Task<BatchDirectory> ReadAsync(SwitchboardDbContext db, IEnumerable<string> usernames, DateTime now, CancellationToken cancellationToken)
    {
        var keys = usernames.Select(Person.KeyOf).Distinct(StringComparer.Ordinal).ToList();
        var stored = await StoredPerson.ReadAsync(db, keys, cancellationToken);
        var before = keys.ToDictionary(k => k, _ => (PersonState?)null, StringComparer.Ordinal);
        foreach (var person in stored)
        {
            before[person.Key] = new PersonState(person.Draft, person.Deleted);
        }

        var directory = new BatchDirectory(db, now, before);
        directory._read.UnionWith(keys);
        foreach (var person in stored)
        {
            directory._stored[person.Key] = (person.Id, person.UpdatedAt);
        }

        foreach (var person in stored.Where(p => !p.Deleted))
        {
            directory._managerOf[person.Key] = person.ManagerKey;
        }

        await directory.ReadChainsAsync(stored.Where(p => !p.Deleted).Select(p => p.ManagerKey).OfType<string>(), cancellationToken);
        return directory;
    }

    /// <summary>Applies one event's change in memory (nothing is stored yet): its outcome, as applying it alone would have had.</summary>
    public async Task<(DirectorySyncState State, string? Error)> ApplyAsync(EntityEvent entityEvent, CancellationToken cancellationToken)
    {
        var key = Person.KeyOf(entityEvent.Identity);
        if (!_current.TryGetValue(key, out var current))
        {
            // Only an event named before the batch was read can be here, but an identity is still read when it is not.
            await ReadPersonAsync(key, cancellationToken);
            current = _current[key];
        }

        IdentityChange change;
        try
        {
            change = IdentityEventBatchSync.ChangeOf(entityEvent);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidOperationException)
        {
            return (DirectorySyncState.Failed, ex.Message);
        }

        if (string.Equals(change.EventType, "DELETE", StringComparison.OrdinalIgnoreCase))
        {
            if (current is not null)
            {
                Change(entityEvent.Id, key, current with { Deleted = true });
                _managerOf.Remove(key);
                _deleted.Add(key);
            }

            return (DirectorySyncState.Done, null);
        }

        var draft = IdentityEventSync.Overlay(current?.Draft ?? new PersonDraft { Username = change.Username }, change);
        if (!string.IsNullOrWhiteSpace(draft.Manager))
        {
            await ReadChainsAsync([Person.KeyOf(draft.Manager)], cancellationToken);
        }

        var errors = DirectoryRules.CheckItems([draft]);
        errors.AddRange(DirectoryRules.CheckManagers([draft], _managerOf));
        if (errors.Count > 0)
        {
            return (DirectorySyncState.Failed, IdentityEventBatchSync.Reason(errors));
        }

        Change(entityEvent.Id, key, new PersonState(draft, Deleted: false));
        _managerOf[key] = string.IsNullOrWhiteSpace(draft.Manager) ? null : Person.KeyOf(draft.Manager);
        _upserted.Add(key);
        _deleted.Remove(key);
        return (DirectorySyncState.Done, null);
    }

    /// <summary>
    /// Stores the people the changes left: people new to the directory through the writer's batch upsert, then the
    /// people read from it with prepared updates (only while nobody else changed them since), then marks deleted who the
    /// batch deleted last.
    /// </summary>
    /// <returns>False when the writer refused the new people, someone else changed a person meanwhile, or the writer failed.</returns>
    public async Task<bool> StoreAsync(DirectoryWriter writer, CancellationToken cancellationToken)
    {
        try
        {
            var fresh = _upserted.Where(k => !_stored.ContainsKey(k)).Select(k => _current[k]!.Draft).ToList();
            if (fresh.Count > 0 && !(await writer.UpsertAsync(fresh, cancellationToken)).Succeeded)
            {
                return false;
            }

            var changes = _upserted.Where(_stored.ContainsKey)
                .Select(k => new StoredPersonChange(_stored[k].Id, _stored[k].UpdatedAt, _before[k]!.Draft, _before[k]!.Deleted, _current[k]!.Draft))
                .ToList();
            return changes.Count + _deleted.Count == 0 || await writer.UpdateReadAsync(changes, _deleted, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && !StorageErrors.IsTransient(ex))
        {
            return false;
        }
    }

    /// <summary>The directory as of each event of the batch; the managers outside the batch are read as stored.</summary>
    public async Task<DirectoryAsOf> AsOfAsync(CancellationToken cancellationToken)
    {
        var managers = _before.Values.Concat(_changes.Select(c => c.State))
            .Select(s => s?.Draft.Manager)
            .Where(m => !string.IsNullOrWhiteSpace(m))
            .Select(m => Person.KeyOf(m!))
            .Where(k => !_before.ContainsKey(k))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var others = managers.Count == 0 ? new Dictionary<string, Person>(StringComparer.Ordinal)
            : await _db.People.AsNoTracking().Where(p => EF.Parameter(managers).Contains(p.UsernameKey)).ToDictionaryAsync(p => p.UsernameKey, StringComparer.Ordinal, cancellationToken);
        var asOf = new DirectoryAsOf(_before, others, _now);
        foreach (var (eventId, key, state) in _changes)
        {
            asOf.Record(eventId, key, state);
        }

        return asOf;
    }

    private void Change(long eventId, string key, PersonState state)
    {
        _current[key] = state;
        _changes.Add((eventId, key, state));
    }

    private async Task ReadPersonAsync(string key, CancellationToken cancellationToken)
    {
        var person = (await StoredPerson.ReadAsync(_db, [key], cancellationToken)).SingleOrDefault();
        var state = person is null ? null : new PersonState(person.Draft, person.Deleted);
        if (person is not null)
        {
            _stored[key] = (person.Id, person.UpdatedAt);
        }

        _before[key] = state;
        _current[key] = state;
        _read.Add(key);
        if (person is { Deleted: false })
        {
            _managerOf[key] = person.ManagerKey;
            await ReadChainsAsync(person.ManagerKey is null ? [] : [person.ManagerKey], cancellationToken);
        }
    }

    /// <summary>Reads who manages whom along the chains from these people up, level by level, skipping what was read.</summary>
    private async Task ReadChainsAsync(IEnumerable<string> keys, CancellationToken cancellationToken)
    {
        var next = keys.Where(k => !_read.Contains(k)).Distinct(StringComparer.Ordinal).ToList();
        while (next.Count > 0)
        {
            var level = next;
            _read.UnionWith(level);
            var rows = await _db.People.AsNoTracking()
                .Where(p => EF.Parameter(level).Contains(p.UsernameKey) && !p.Deleted)
                .Select(p => new { p.UsernameKey, ManagerKey = p.Manager == null ? null : p.Manager.UsernameKey })
                .ToListAsync(cancellationToken);
            foreach (var row in rows)
            {
                _managerOf[row.UsernameKey] = row.ManagerKey;
            }

            next = rows.Select(r => r.ManagerKey).OfType<string>().Where(k => !_read.Contains(k)).Distinct(StringComparer.Ordinal).ToList();
        }
    }
}
