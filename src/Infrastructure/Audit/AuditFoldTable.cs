namespace Switchboard.Infrastructure.Audit;

/// <summary>
/// Which audit entry each repeated occurrence of the current minute counts into, keyed by what repeats. Holds at most
/// <c>capacity</c> keys: entries of past minutes are dropped first, and when the current minute alone fills it, further
/// keys are not remembered (each then gets an entry of its own; callers limit how often that can happen).
/// </summary>
public sealed class AuditFoldTable(int capacity)
{
    private readonly Dictionary<string, AuditFold> _folds = new(StringComparer.Ordinal);

    public int Count => _folds.Count;

    /// <summary>Counts one more occurrence of <paramref name="key"/> in <paramref name="minute"/>.</summary>
    /// <returns>The fold with its count so far; <see cref="AuditFold.EntryId"/> is null when no entry is written yet this minute.</returns>
    public AuditFold Next(string key, DateTime minute)
    {
        if (_folds.TryGetValue(key, out var known) && known.Minute == minute)
        {
            return _folds[key] = known with { Count = known.Count + 1 };
        }

        var fold = new AuditFold(minute, null, 1);
        if (known is null && _folds.Count >= capacity)
        {
            foreach (var stale in _folds.Where(f => f.Value.Minute < minute).Select(f => f.Key).ToList())
            {
                _folds.Remove(stale);
            }

            if (_folds.Count >= capacity)
            {
                return fold;
            }
        }

        return _folds[key] = fold;
    }

    /// <summary>The entry written for the first occurrence of <paramref name="key"/> in <paramref name="minute"/>.</summary>
    public void Remember(string key, DateTime minute, long entryId)
    {
        if (_folds.TryGetValue(key, out var fold) && fold.Minute == minute)
        {
            _folds[key] = fold with { EntryId = entryId };
        }
    }
}
