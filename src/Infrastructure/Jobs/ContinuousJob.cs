using Microsoft.Extensions.Hosting;

namespace Switchboard.Infrastructure.Jobs;

/// <summary>
/// A hosted service that runs all the time (a broker consumer, the listener monitor), registered like every job so that
/// the Background jobs page shows what it is doing. Run now reaches it through the same <see cref="JobHandle"/>:
/// <see cref="WaitAsync"/> returns early when someone asks.
/// </summary>
public abstract class ContinuousJob : BackgroundService
{
    protected ContinuousJob(JobDescriptor descriptor, JobRegistry registry, TimeProvider time)
    {
        Handle = registry.Register(descriptor with { Continuous = true }, time);
        Time = time;
    }

    protected JobHandle Handle { get; }

    protected TimeProvider Time { get; }

    /// <summary>Shows what the service is doing now; an <paramref name="error"/> stays as the last error until the next one.</summary>
    protected void Report(string activity, bool degraded = false, string? error = null) =>
        Handle.Update(s => s with { Activity = activity, Degraded = degraded, LastError = error ?? s.LastError });

    /// <summary>Records one piece of work done (a check, a batch) as the last run.</summary>
    protected void Ran(DateTime startedAt, JobOutcome outcome, string? message, string? error = null) =>
        Handle.Update(s => s with
        {
            LastRunStartedAt = startedAt,
            LastRunFinishedAt = Time.GetUtcNow().UtcDateTime,
            LastOutcome = outcome,
            LastMessage = message,
            LastError = error ?? s.LastError,
        });

    /// <summary>Waits <paramref name="delay"/> (through <see cref="TimeProvider"/>) or until someone asks for a run now.</summary>
    /// <returns>Who asked, or null when the time was up.</returns>
    protected async Task<string?> WaitAsync(TimeSpan delay, CancellationToken stoppingToken)
    {
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var elapsed = Task.Delay(delay, Time, waiting.Token);
        var requested = Handle.WaitForRunRequestAsync(waiting.Token);
        var first = await Task.WhenAny(elapsed, requested);
        await waiting.CancelAsync();
        stoppingToken.ThrowIfCancellationRequested();
        return first == requested && Handle.TryTakeRunRequest(out var askedBy, out _) ? askedBy : null;
    }
}
