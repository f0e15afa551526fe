using Microsoft.Extensions.DependencyInjection;

namespace Switchboard.Infrastructure.Changes;

/// <summary>What the live pages' shared reads (<see cref="SharedRead{T}"/>) have in common.</summary>
public static class LiveReads
{
    /// <summary>How often at most a live page reads again while changes keep coming, and so how often a shared value is read.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a shared value whose own changes come with notices is served while none came: what only the clock moves
    /// there (counts of the last 24 hours or of today, uptime shares) lags by at most this.
    /// </summary>
    public static readonly TimeSpan KeptWithoutChange = TimeSpan.FromSeconds(30);

    /// <summary>A read through a scoped feature service from a singleton: a new scope per read.</summary>
    public static Func<CancellationToken, Task<T>> InScope<TService, T>(IServiceScopeFactory scopes, Func<TService, CancellationToken, Task<T>> read)
        where TService : notnull =>
        async cancellationToken =>
        {
            await using var scope = scopes.CreateAsyncScope();
            return await read(scope.ServiceProvider.GetRequiredService<TService>(), cancellationToken);
        };
}
