using Microsoft.Extensions.Options;
using Switchboard.Infrastructure.Jobs;

namespace Switchboard.Infrastructure.Changes;

/// <summary>
/// Wakes the jobs as soon as any instance stores a job change (a Pause/Resume, a Run now, a run starting or ending),
/// through the <see cref="IChangeFeed"/>; still reads again every <see cref="JobsOptions.CoordinationInterval"/> in case
/// a notice was lost.
/// </summary>
public sealed class FeedJobStateChanges : IJobStateChanges, IDisposable
{
    private readonly TimeSpan _interval;
    private readonly TimeProvider _time;
    private readonly IDisposable _subscription;
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public FeedJobStateChanges(IChangeFeed feed, IOptions<JobsOptions> options, TimeProvider time)
    {
        _interval = options.Value.CoordinationInterval;
        _time = time;
        _subscription = feed.Subscribe(ChangeKind.JobState, _ =>
            Interlocked.Exchange(ref _next, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult());
    }

    public async Task WaitAsync(string jobName, CancellationToken cancellationToken)
    {
        try
        {
            await Volatile.Read(ref _next).Task.WaitAsync(_interval, _time, cancellationToken);
        }
        catch (TimeoutException)
        {
        }
    }

    public void Dispose() => _subscription.Dispose();
}
