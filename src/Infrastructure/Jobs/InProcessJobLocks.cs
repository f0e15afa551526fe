using System.Collections.Concurrent;

namespace Switchboard.Infrastructure.Jobs;

/// <summary>The job locks of a single instance (SQLite: one instance is the only supported SQLite setup).</summary>
public sealed class InProcessJobLocks : IJobLocks
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);

    public bool SpansInstances => false;

    public async Task<IAsyncDisposable?> TryAcquireAsync(string jobName, TimeSpan wait, CancellationToken cancellationToken)
    {
        var gate = _locks.GetOrAdd(jobName, _ => new SemaphoreSlim(1, 1));
        return await gate.WaitAsync(wait, cancellationToken) ? new Held(gate) : null;
    }

    private sealed class Held(SemaphoreSlim gate) : IAsyncDisposable
    {
        private int _released;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }

            return ValueTask.CompletedTask;
        }
    }
}
