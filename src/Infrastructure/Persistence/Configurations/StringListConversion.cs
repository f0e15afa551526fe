using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Switchboard.Infrastructure.Persistence.Configurations;

/// <summary>Stores a list of codes (scopes, usernames, role codes — none contain spaces) as one space-separated column.</summary>
internal static class StringListConversion
{
    private static readonly ValueComparer<List<string>> Comparer = new(
        (a, b) => a!.SequenceEqual(b!),
        list => list.Aggregate(0, (hash, s) => HashCode.Combine(hash, s.GetHashCode(StringComparison.Ordinal))),
        list => list.ToList());

    public static PropertyBuilder<List<string>> StoredSpaceSeparated(this PropertyBuilder<List<string>> property, int maxLength) =>
        property
            .HasConversion(list => string.Join(' ', list), stored => stored.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList(), Comparer)
            .HasMaxLength(maxLength);
}
