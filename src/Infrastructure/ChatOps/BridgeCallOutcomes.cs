using System.Collections.Concurrent;
using Switchboard.Infrastructure.Changes;

namespace Switchboard.Infrastructure.ChatOps;

/// <summary>
/// Tells whoever waits for a ChatOps call that its attempt's outcome may be stored (a ticket opened, or the failure):
/// this portal's sender raises it for the call it sent, and every ChatOps call change stored by any instance (the change
/// feed; on PostgreSQL through LISTEN/NOTIFY) wakes every waiter to read its call again. The webhook waits on it up to
/// <c>ChatOps:ReplyWithin</c>.
/// </summary>
public sealed class BridgeCallOutcomes : IDisposable
{
    private readonly ConcurrentDictionary<long, TaskCompletionSource> _waiting = new();
    private readonly IDisposable _subscription;

    public BridgeCallOutcomes(IChangeFeed feed) => _subscription = feed.Subscribe(ChangeKind.ChatOpsCall, _ => WakeAll());

    /// <summary>A task that completes at the next notice that may concern the call; call <see cref="StopWatching"/> when done waiting.</summary>
    public Task Watch(long callId) =>
        _waiting.GetOrAdd(callId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public void StopWatching(long callId) => _waiting.TryRemove(callId, out _);

    /// <summary>Raised by the sender once the call's outcome is saved.</summary>
    public void Stored(long callId)
    {
        if (_waiting.TryRemove(callId, out var waiter))
        {
            waiter.TrySetResult();
        }
    }

    public void Dispose() => _subscription.Dispose();

    private void WakeAll()
    {
        foreach (var callId in _waiting.Keys)
        {
            Stored(callId);
        }
    }
}
