namespace Switchboard.Infrastructure.Caching;

/// <summary>
/// A thread-safe cache of things derived from text (parsed templates, prepared scripts) that holds at most
/// <c>maxEntries</c> entries and <c>maxKeyCharacters</c> characters of keys in all, dropping the least recently used first.
/// A key longer than the whole budget is computed but not kept. Keys come from what people type, so nothing is kept
/// forever just because it was seen once.
/// </summary>
public sealed class BoundedCache<TValue>(int maxEntries, long maxKeyCharacters)
{
    private readonly Dictionary<string, LinkedListNode<(string Key, TValue Value)>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Key, TValue Value)> _recent = new();
    private readonly Lock _lock = new();
    private long _characters;

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    public long KeyCharacters
    {
        get
        {
            lock (_lock)
            {
                return _characters;
            }
        }
    }

    /// <summary>The cached value of <paramref name="key"/>, or <paramref name="create"/>'s (outside the lock; an exception is not cached).</summary>
    public TValue GetOrAdd(string key, Func<string, TValue> create)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var known))
            {
                _recent.Remove(known);
                _recent.AddFirst(known);
                return known.Value.Value;
            }
        }

        var value = create(key);
        if (key.Length > maxKeyCharacters)
        {
            return value;
        }

        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var raced))
            {
                return raced.Value.Value;
            }

            while (_entries.Count > 0 && (_entries.Count >= maxEntries || _characters + key.Length > maxKeyCharacters))
            {
                var oldest = _recent.Last!;
                _recent.RemoveLast();
                _entries.Remove(oldest.Value.Key);
                _characters -= oldest.Value.Key.Length;
            }

            _entries[key] = _recent.AddFirst((key, value));
            _characters += key.Length;
            return value;
        }
    }
}
