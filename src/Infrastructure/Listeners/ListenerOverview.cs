using Microsoft.Extensions.DependencyInjection;
using Switchboard.Infrastructure.Changes;

namespace Switchboard.Infrastructure.Listeners;

/// <summary>
/// The deployments' overview (<see cref="ListenersService.DeploymentsAsync"/>) read once for every open page that shows
/// it, Exchange Listeners and the Dashboard (<see cref="SharedRead{T}"/>): at 200 deployments it costs 60–150 ms, and
/// the monitor, checking each every few seconds, stores a check nearly every time the feed fans out, so each such page
/// would read it once a second.
/// </summary>
public sealed class ListenerOverview(IServiceScopeFactory scopes, IChangeFeed feed, TimeProvider time) : IDisposable
{
    private readonly SharedRead<IReadOnlyList<DeploymentView>> _deployments = new(feed, ChangeKind.ListenerState,
        LiveReads.InScope<ListenersService, IReadOnlyList<DeploymentView>>(scopes, (s, c) => s.DeploymentsAsync(c)), LiveReads.Interval, LiveReads.KeptWithoutChange, time);

    public Task<IReadOnlyList<DeploymentView>> DeploymentsAsync(CancellationToken cancellationToken) => _deployments.GetAsync(cancellationToken);

    /// <summary>How many reads began (for tests and the figures).</summary>
    public int Reads => _deployments.Reads;

    public void Dispose() => _deployments.Dispose();
}
