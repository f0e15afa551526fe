using Switchboard.Domain.Listeners;
using Switchboard.Infrastructure.Listeners;

namespace Switchboard.Portal.Features.Listeners;

/// <summary>
/// One page of the deployments list: those in the state chosen (every one when none), those that need attention first
/// (Down, Degraded, not checked yet, then Up; otherwise in their configured order), a page at a time.
/// </summary>
/// <param name="Deployments">The deployments on this page.</param>
/// <param name="Index">This page's index from 0 (a page past the last is the last).</param>
/// <param name="Count">How many pages the matching deployments fill (at least one).</param>
/// <param name="Matching">How many deployments are in the state chosen.</param>
public sealed record DeploymentPage(IReadOnlyList<DeploymentView> Deployments, int Index, int Count, int Matching)
{
    public static readonly ListenerState[] AttentionOrder = [ListenerState.Down, ListenerState.Degraded, ListenerState.Unknown, ListenerState.Up];

    public static DeploymentPage Of(IReadOnlyList<DeploymentView> all, ListenerState? state, int pageIndex, int size)
    {
        var matching = all.Where(d => state is not { } shown || d.State == shown).OrderBy(d => Array.IndexOf(AttentionOrder, d.State)).ToList();
        var count = Math.Max(1, (matching.Count + size - 1) / size);
        var index = Math.Clamp(pageIndex, 0, count - 1);
        return new DeploymentPage([.. matching.Skip(index * size).Take(size)], index, count, matching.Count);
    }
}
