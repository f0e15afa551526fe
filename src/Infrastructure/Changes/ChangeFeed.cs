using System.Collections.Immutable;
using Microsoft.Extensions.Logging;

namespace Switchboard.Infrastructure.Changes;

/// <summary>
/// The in-process <see cref="IChangeFeed"/>: notices are gathered and handed to the subscribers at most once per
/// <see cref="Coalescing"/>, so a burst of ten thousand changes costs a few fan-outs, not ten thousand. Notices published
/// here are also queued for the other instances (<see cref="NextOutboundAsync"/>); notices from them arrive through
/// <see cref="Deliver"/> and go to the local subscribers only.
/// </summary>
public sealed partial class ChangeFeed : IChangeFeed, IDisposable
{
    /// <summary>The shortest time between two fan-outs.</summary>
    public static readonly TimeSpan Coalescing = TimeSpan.FromMilliseconds(100);

    private readonly TimeProvider _time;
    private readonly ILogger<ChangeFeed> _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly SemaphoreSlim _localSignal = new(0);
    private readonly SemaphoreSlim _outboundSignal = new(0);
    private ImmutableArray<Subscription> _subscriptions = [];
    private int _local;
    private int _outbound;
    private int _disposed;

    public ChangeFeed(TimeProvider time, ILogger<ChangeFeed> logger)
    {
        _time = time;
        _logger = logger;
        _ = Task.Run(DispatchAsync);
    }

    /// <summary>Tells this instance's notices from the others' on the shared channel.</summary>
    public Guid InstanceId { get; } = Guid.NewGuid();

    public void Publish(ChangeKind kinds)
    {
        if (kinds == ChangeKind.None)
        {
            return;
        }

        Raise(ref _outbound, kinds, _outboundSignal);
        Raise(ref _local, kinds, _localSignal);
    }

    /// <summary>A notice from another instance: for the subscribers here, not sent on again.</summary>
    public void Deliver(ChangeKind kinds)
    {
        if (kinds != ChangeKind.None)
        {
            Raise(ref _local, kinds, _localSignal);
        }
    }

    public IDisposable Subscribe(ChangeKind kinds, Action<ChangeKind> changed)
    {
        var subscription = new Subscription(this, kinds, changed);
        ImmutableInterlocked.Update(ref _subscriptions, list => list.Add(subscription));
        return subscription;
    }

    /// <summary>The kinds published here since the last call, waiting until there are some (for the relay to the other instances).</summary>
    public async Task<ChangeKind> NextOutboundAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            await _outboundSignal.WaitAsync(cancellationToken);
            var kinds = (ChangeKind)Interlocked.Exchange(ref _outbound, 0);
            if (kinds != ChangeKind.None)
            {
                return kinds;
            }
        }
    }

    /// <summary>How many subscriptions are open (for tests and the memory figures).</summary>
    public int SubscriptionCount => _subscriptions.Length;

    private static void Raise(ref int pending, ChangeKind kinds, SemaphoreSlim signal)
    {
        if ((Interlocked.Or(ref pending, (int)kinds) & (int)kinds) != (int)kinds && signal.CurrentCount == 0)
        {
            signal.Release();
        }
    }

    private async Task DispatchAsync()
    {
        var stopping = _stopping.Token;
        try
        {
            while (true)
            {
                await _localSignal.WaitAsync(stopping);
                var kinds = (ChangeKind)Interlocked.Exchange(ref _local, 0);
                if (kinds == ChangeKind.None)
                {
                    continue;
                }

                foreach (var subscription in _subscriptions)
                {
                    if ((subscription.Kinds & kinds) != ChangeKind.None)
                    {
                        try
                        {
                            subscription.Changed(kinds & subscription.Kinds);
                        }
                        catch (Exception ex)
                        {
                            LogSubscriberFailed(_logger, ex, kinds);
                        }
                    }
                }

                await Task.Delay(Coalescing, _time, stopping);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    public void Dispose()
    {
        // Registered under two service types, so the container may dispose it twice.
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _stopping.Cancel();
            _stopping.Dispose();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A subscriber to the change feed failed on a notice about {Kinds}")]
    private static partial void LogSubscriberFailed(ILogger logger, Exception exception, ChangeKind kinds);

    private sealed class Subscription(ChangeFeed feed, ChangeKind kinds, Action<ChangeKind> changed) : IDisposable
    {
        public ChangeKind Kinds { get; } = kinds;

        public Action<ChangeKind> Changed { get; } = changed;

        public void Dispose() => ImmutableInterlocked.Update(ref feed._subscriptions, list => list.Remove(this));
    }
}
