using Switchboard.Infrastructure.Caching;

namespace Switchboard.UnitTests.Templates;

public sealed class BoundedCacheTests
{
    [Fact]
    public void ManyDistinctKeys_NeverHoldMoreThanMaxEntries()
    {
        var cache = new BoundedCache<int>(maxEntries: 100, maxKeyCharacters: 1_000_000);
        for (var i = 0; i < 10_000; i++)
        {
            cache.GetOrAdd($"template {i}", k => k.Length);
            Assert.InRange(cache.Count, 1, 100);
        }
    }

    [Fact]
    public void BigKeys_NeverHoldMoreThanMaxCharacters_AndOneLargerThanAllIsNotKept()
    {
        var cache = new BoundedCache<int>(maxEntries: 1_000, maxKeyCharacters: 10_000);
        for (var i = 0; i < 100; i++)
        {
            cache.GetOrAdd(new string((char)('a' + (i % 26)), 3_000) + i, k => k.Length);
            Assert.InRange(cache.KeyCharacters, 1, 10_000);
        }

        var calls = 0;
        var huge = new string('x', 10_001);
        cache.GetOrAdd(huge, _ => ++calls);
        cache.GetOrAdd(huge, _ => ++calls);
        Assert.Equal(2, calls);
        Assert.InRange(cache.KeyCharacters, 1, 10_000);
    }

    [Fact]
    public void RecentlyUsed_StaysWhileOlderOnesGo()
    {
        var cache = new BoundedCache<string>(maxEntries: 2, maxKeyCharacters: 1_000);
        var made = new List<string>();
        string Make(string key)
        {
            made.Add(key);
            return key.ToUpperInvariant();
        }

        cache.GetOrAdd("a", Make);
        cache.GetOrAdd("b", Make);
        cache.GetOrAdd("a", Make);
        cache.GetOrAdd("c", Make);
        Assert.Equal("A", cache.GetOrAdd("a", Make));
        Assert.Equal("B", cache.GetOrAdd("b", Make));

        Assert.Equal(["a", "b", "c", "b"], made);
    }
}
