using Microsoft.EntityFrameworkCore;

namespace Switchboard.Infrastructure.Persistence;

/// <summary>
/// How the lists count what matches: exactly up to <see cref="Limit"/>, and "more than that" beyond, since an exact count
/// of millions of rows would cost more than the page it is shown on.
/// </summary>
public static class BoundedCount
{
    public const int Limit = 10_000;

    /// <returns>The count up to <see cref="Limit"/>, and whether there are more.</returns>
    public static async Task<(int Count, bool IsAtLeast)> CountUpToLimitAsync<T>(this IQueryable<T> query, CancellationToken cancellationToken)
    {
        var counted = await query.Take(Limit + 1).CountAsync(cancellationToken);
        return (Math.Min(counted, Limit), counted > Limit);
    }
}
