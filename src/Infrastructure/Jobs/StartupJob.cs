using Microsoft.Extensions.Hosting;

namespace Switchboard.Infrastructure.Jobs;

/// <summary>
/// A hosted service that does its work once, while the portal starts and before it serves anyone (the database migrator,
/// the key ring, the demo data), registered like every job so that the Background jobs page shows what it did. It has
/// no Run now and no schedule: its work belongs to start-up. A failure is recorded and stops the start, as before.
/// </summary>
public abstract class StartupJob : IHostedService
{
    private readonly JobHandle _handle;
    private readonly TimeProvider _time;

    protected StartupJob(JobDescriptor descriptor, JobRegistry registry, TimeProvider time)
    {
        _handle = registry.Register(descriptor with { Startup = true, Interval = TimeSpan.Zero, Cron = null }, time);
        _time = time;
    }

    protected TimeProvider Time => _time;

    /// <summary>The start-up work; the result's message says what it did (or why it did nothing) in a line.</summary>
    protected abstract Task<JobRunResult> RunOnceAsync(CancellationToken cancellationToken);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _handle.Update(s => s with { Running = true, LastRunStartedAt = _time.GetUtcNow().UtcDateTime, TriggeredBy = JobTriggers.Schedule });
        try
        {
            var result = await RunOnceAsync(cancellationToken);
            Finish(result.Outcome, result.Message, error: null);
        }
        catch (Exception ex)
        {
            Finish(JobOutcome.Failed, message: null, ex.Message);
            throw;
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Finish(JobOutcome outcome, string? message, string? error) =>
        _handle.Update(s => s with { Running = false, LastRunFinishedAt = _time.GetUtcNow().UtcDateTime, LastOutcome = outcome, LastMessage = message, LastError = error });
}
