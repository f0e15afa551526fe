using System.Collections.Concurrent;

namespace Switchboard.Infrastructure.ChatOps;

/// <summary>
/// Tells whoever waits for a ChatOps call that its attempt's outcome is stored (a ticket opened, or the failure): the
/// sender raises it, the webhook waits on it up to <c>ChatOps:ReplyWithin</c>. Only waiters of this portal hear it.
/// </summary>
public sealed class BridgeCallOutcomes
{
    private readonly ConcurrentDictionary<long, TaskCompletionSource> _waiting = new();

    /// <summary>A task that completes when the call's next outcome is stored; call <see cref="StopWatching"/> when done waiting.</summary>
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
}
