using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Switchboard.Infrastructure.Persistence;
using Switchboard.Infrastructure.Telemetry;

namespace Switchboard.Infrastructure.Jobs;

/// <summary>
/// A hosted service that runs its work on an interval and whenever someone asks (Run now), one run at a time,
/// each in a fresh scope. Pausing stops the schedule, not a run asked for by hand.
/// </summary>
public abstract partial class PeriodicJob : BackgroundService
{
    private readonly JobHandle _handle;
    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    protected PeriodicJob(JobDescriptor descriptor, JobRegistry registry, IServiceScopeFactory scopes, TimeProvider time, ILogger logger)
    {
        Registry = registry;
        _handle = registry.Register(descriptor);
        _scopes = scopes;
        _time = time;
        _logger = logger;
    }

    protected TimeProvider Time => _time;

    /// <summary>Every job, so that one job can wake another (e.g. evaluation wakes the outbox sender).</summary>
    protected JobRegistry Registry { get; }

    /// <summary>Who asked for the run under way: <see cref="JobTriggers.Schedule"/>, a person's name, or <see cref="JobTriggers.Wake"/>.</summary>
    protected string TriggeredBy => _handle.Status.TriggeredBy ?? JobTriggers.Schedule;

    /// <summary>One run's work; throw to record a failure, return <see cref="JobRunResult.Skipped"/> when there was nothing to do.</summary>
    protected abstract Task<JobRunResult> RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await LoadPausedStateAsync(stoppingToken);
        if (_handle.Descriptor.RunAtStart && !_handle.Status.Paused)
        {
            await RunAsync(JobTriggers.Schedule, stoppingToken);
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var askedBy = await WaitForNextRunAsync(stoppingToken);
            if (askedBy is null && _handle.Status.Paused)
            {
                continue;
            }

            await RunAsync(askedBy ?? JobTriggers.Schedule, stoppingToken);
        }
    }

    private async Task LoadPausedStateAsync(CancellationToken cancellationToken)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<SwitchboardDbContext>>()
            .CreateDbContextAsync(cancellationToken);
        await using (db)
        {
            var setting = await db.JobSettings.AsNoTracking()
                .SingleOrDefaultAsync(s => s.JobName == _handle.Descriptor.Name, cancellationToken);
            _handle.Update(s => s with { Paused = setting?.Paused ?? false, PausedBy = setting?.Paused == true ? setting.ChangedBy : null });
        }
    }

    /// <returns>Who asked for the run, or null when the schedule came round.</returns>
    private async Task<string?> WaitForNextRunAsync(CancellationToken stoppingToken)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        var next = _handle.Descriptor.NextAfter(now);
        _handle.Update(s => s with { NextRunAt = next });

        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var scheduled = next is { } due
            ? Task.Delay(due - now, _time, waiting.Token)
            : Task.Delay(Timeout.InfiniteTimeSpan, waiting.Token);
        var requested = _handle.RunRequests.WaitToReadAsync(waiting.Token).AsTask();
        var first = await Task.WhenAny(scheduled, requested);
        await waiting.CancelAsync();
        stoppingToken.ThrowIfCancellationRequested();
        return first == requested && _handle.RunRequests.TryRead(out var askedBy) ? askedBy : null;
    }

    /// <summary>
    /// One run, whoever asked: the single place a run starts and ends (where a lock across instances or a run history
    /// would go). Never throws but for cancellation at shutdown.
    /// </summary>
    private async Task RunAsync(string triggeredBy, CancellationToken stoppingToken)
    {
        var started = _time.GetUtcNow().UtcDateTime;
        var clock = _time.GetTimestamp();
        _handle.Update(s => s with { Running = true, LastRunStartedAt = started, NextRunAt = null, TriggeredBy = triggeredBy });
        await using var scope = _scopes.CreateAsyncScope();
        var metrics = scope.ServiceProvider.GetService<SwitchboardMetrics>();
        try
        {
            var result = await RunOnceAsync(scope.ServiceProvider, stoppingToken);
            metrics?.JobRun(_handle.Descriptor.Name, result.Outcome.ToString(), _time.GetElapsedTime(clock));
            _handle.Update(s => s with
            {
                Running = false,
                LastRunFinishedAt = _time.GetUtcNow().UtcDateTime,
                LastOutcome = result.Outcome,
                LastMessage = result.Message,
                LastError = null,
            });
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            _handle.Update(s => s with { Running = false });
        }
        catch (Exception ex)
        {
            LogRunFailed(_logger, ex, _handle.Descriptor.Name);
            metrics?.JobRun(_handle.Descriptor.Name, nameof(JobOutcome.Failed), _time.GetElapsedTime(clock));
            _handle.Update(s => s with
            {
                Running = false,
                LastRunFinishedAt = _time.GetUtcNow().UtcDateTime,
                LastOutcome = JobOutcome.Failed,
                LastMessage = null,
                LastError = ex.Message,
            });
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Background job {JobName} failed")]
    private static partial void LogRunFailed(ILogger logger, Exception exception, string jobName);
}
