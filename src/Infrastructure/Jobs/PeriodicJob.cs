using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Switchboard.Domain.Jobs;
using Switchboard.Infrastructure.Telemetry;

namespace Switchboard.Infrastructure.Jobs;

/// <summary>
/// A hosted service that runs its work on an interval and whenever someone asks (Run now), one run at a time,
/// each in a fresh scope. Pausing stops the schedule and the wakes, not a run asked for by hand. Across instances (decision 0009) a
/// job runs on one instance at a time and once per due time, unless its descriptor says <see cref="JobDescriptor.EveryInstance"/>;
/// Pause/Resume, a Run now stored by another instance and a run left unfinished by an instance that died (taken up) are
/// read again every <see cref="JobsOptions.CoordinationInterval"/>.
/// Every run is stored in the job's history.
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
        _handle = registry.Register(descriptor, time);
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
        var services = _scopes.CreateAsyncScope();
        await using (services)
        {
            var coordination = new Coordination(
                services.ServiceProvider.GetRequiredService<IJobLocks>(),
                services.ServiceProvider.GetRequiredService<JobStore>(),
                services.ServiceProvider.GetRequiredService<IJobStateChanges>());
            await ExecuteAsync(coordination, stoppingToken);
        }
    }

    private async Task ExecuteAsync(Coordination coordination, CancellationToken stoppingToken)
    {
        await ReadStoredStateAsync(coordination, stoppingToken);
        if (_handle.Descriptor.RunAtStart && !_handle.Status.Paused)
        {
            await RunAsync(coordination, new JobRunCause(JobTriggers.Schedule), stoppingToken);
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var cause = await WaitForNextRunAsync(coordination, stoppingToken);
            if (_handle.Status.Paused && cause.TriggeredBy is JobTriggers.Schedule or JobTriggers.Wake)
            {
                continue;
            }

            await RunAsync(coordination, cause, stoppingToken);
        }
    }

    /// <summary>
    /// Reads what every instance shares (Pause/Resume); answers who asked for a run another instance could not start, or
    /// <see cref="JobTriggers.Takeover"/> when a run is stored as running (this instance is not running it: it is waiting
    /// here), so that the run of an instance that died is taken up once its lock is free.
    /// </summary>
    private async Task<string?> ReadStoredStateAsync(Coordination coordination, CancellationToken cancellationToken)
    {
        var store = coordination.Store;
        var name = _handle.Descriptor.Name;
        var setting = await store.SettingAsync(name, cancellationToken);
        var (paused, by) = (setting?.Paused ?? false, setting?.Paused == true ? setting.ChangedBy : null);
        if (paused != _handle.Status.Paused || by != _handle.Status.PausedBy)
        {
            _handle.SetPaused(paused, by);
        }

        if (setting?.RunRequestedBy is { } requestedBy)
        {
            return requestedBy;
        }

        return !_handle.Descriptor.EveryInstance && coordination.Locks.SpansInstances && await store.HasUnfinishedRunAsync(name, cancellationToken)
            ? JobTriggers.Takeover
            : null;
    }

    private async Task<string?> TryReadStoredStateAsync(Coordination coordination, CancellationToken stoppingToken)
    {
        try
        {
            return await ReadStoredStateAsync(coordination, stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            // The database is unreachable for now: keep the last known state and read again at the next check.
            LogStateUnreadable(_logger, ex, _handle.Descriptor.Name);
            return null;
        }
    }

    /// <returns>
    /// The next run's cause: this instance's schedule or ring, or what is stored (a Run now another instance stored, a takeover).
    /// </returns>
    private async Task<JobRunCause> WaitForNextRunAsync(Coordination coordination, CancellationToken stoppingToken)
    {
        var next = _handle.Descriptor.NextAfter(_time.GetUtcNow().UtcDateTime);
        _handle.Update(s => s with { NextRunAt = next });
        while (true)
        {
            using var waiting = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            var left = next - _time.GetUtcNow().UtcDateTime;
            var scheduled = left is { } delay
                ? Task.Delay(delay > TimeSpan.Zero ? delay : TimeSpan.Zero, _time, waiting.Token)
                : Task.Delay(Timeout.InfiniteTimeSpan, waiting.Token);
            var requested = _handle.WaitForRunRequestAsync(waiting.Token);
            var changed = coordination.Changes.WaitAsync(_handle.Descriptor.Name, waiting.Token);
            var first = await Task.WhenAny(scheduled, requested, changed);
            await waiting.CancelAsync();
            stoppingToken.ThrowIfCancellationRequested();
            if (first == requested && _handle.TryTakeRunRequest(out var askedBy, out var askedAt))
            {
                return new JobRunCause(askedBy, AskedHereAt: askedAt);
            }

            if (first == scheduled)
            {
                return new JobRunCause(JobTriggers.Schedule, Due: next);
            }

            if (first == changed && await TryReadStoredStateAsync(coordination, stoppingToken) is { } storedBy)
            {
                return new JobRunCause(storedBy, Stored: true);
            }
        }
    }

    /// <summary>
    /// One run, whoever asked: the single place a run starts and ends. A job that runs once across instances first takes
    /// its lock without waiting (held elsewhere: this instance leaves the run to the holder, storing a request when
    /// someone asked here), then skips a due time already run, or a request or takeover another instance's run has
    /// answered; every run is stored in the history. Never throws but for cancellation at shutdown.
    /// </summary>
    private async Task RunAsync(Coordination coordination, JobRunCause cause, CancellationToken stoppingToken)
    {
        var name = _handle.Descriptor.Name;
        IAsyncDisposable? held = null;
        try
        {
            JobRun? run;
            try
            {
                if (!_handle.Descriptor.EveryInstance)
                {
                    held = await coordination.Locks.TryAcquireAsync(name, TimeSpan.Zero, stoppingToken);
                    if (held is null)
                    {
                        LogHeldElsewhere(_logger, name);

                        // What was stored stays stored for the holder; a takeover that finds the lock held: the run's instance is alive.
                        if (cause is { Due: null, Stored: false } && cause.TriggeredBy != JobTriggers.Schedule)
                        {
                            await coordination.Store.RequestRunAsync(name, cause.TriggeredBy, stoppingToken);
                        }

                        return;
                    }
                }

                run = _handle.Descriptor.EveryInstance
                    ? await coordination.Store.BeginRunAsync(name, cause.TriggeredBy, stoppingToken)
                    : await coordination.Store.BeginLockedRunAsync(name, cause, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // The database cannot be reached: the run is not started (nothing is done twice); the next due time tries again.
                LogCoordinationFailed(_logger, ex, name);
                _handle.Update(s => s with { LastOutcome = JobOutcome.Failed, LastError = $"the run could not be started: {ex.Message}" });
                return;
            }

            if (run is null)
            {
                LogNothingToRun(_logger, name, cause.Due);
                return;
            }

            await RunStartedAsync(coordination.Store, run, run.TriggeredBy, stoppingToken);
        }
        finally
        {
            await ReleaseAsync(held);
        }
    }

    private async Task RunStartedAsync(JobStore store, JobRun run, string triggeredBy, CancellationToken stoppingToken)
    {
        var clock = _time.GetTimestamp();
        _handle.Update(s => s with { Running = true, LastRunStartedAt = run.StartedAt, NextRunAt = null, TriggeredBy = triggeredBy });
        await using var scope = _scopes.CreateAsyncScope();
        var metrics = scope.ServiceProvider.GetService<SwitchboardMetrics>();
        try
        {
            var result = await RunOnceAsync(scope.ServiceProvider, stoppingToken);
            metrics?.JobRun(_handle.Descriptor.Name, result.Outcome.ToString(), _time.GetElapsedTime(clock));
            await RecordAsync(store, run, result.Outcome, result.Message, null);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            _handle.Update(s => s with { Running = false });
            await RecordAbandonedAsync(store, run);
        }
        catch (Exception ex)
        {
            LogRunFailed(_logger, ex, _handle.Descriptor.Name);
            metrics?.JobRun(_handle.Descriptor.Name, nameof(JobOutcome.Failed), _time.GetElapsedTime(clock));
            await RecordAsync(store, run, JobOutcome.Failed, null, ex.Message);
        }
    }

    /// <summary>Shows the outcome and stores it in the history (a history that cannot be written is logged, not thrown).</summary>
    private async Task RecordAsync(JobStore store, JobRun run, JobOutcome outcome, string? message, string? error)
    {
        _handle.Update(s => s with
        {
            Running = false,
            LastRunFinishedAt = _time.GetUtcNow().UtcDateTime,
            LastOutcome = outcome,
            LastMessage = message,
            LastError = error,
        });
        try
        {
            await store.FinishRunAsync(run, outcome switch
            {
                JobOutcome.Succeeded => JobRunOutcome.Succeeded,
                JobOutcome.Skipped => JobRunOutcome.Skipped,
                _ => JobRunOutcome.Failed,
            }, message, error, CancellationToken.None);
        }
        catch (Exception ex)
        {
            LogHistoryFailed(_logger, ex, _handle.Descriptor.Name);
        }
    }

    private async Task RecordAbandonedAsync(JobStore store, JobRun run)
    {
        try
        {
            await store.AbandonRunAsync(run, CancellationToken.None);
        }
        catch (Exception ex)
        {
            LogHistoryFailed(_logger, ex, _handle.Descriptor.Name);
        }
    }

    private static ValueTask ReleaseAsync(IAsyncDisposable? held) => held?.DisposeAsync() ?? ValueTask.CompletedTask;

    /// <summary>What a job needs to agree with the other instances, resolved once when it starts.</summary>
    private sealed record Coordination(IJobLocks Locks, JobStore Store, IJobStateChanges Changes);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Background job {JobName} is running on another instance; this instance leaves the run to it")]
    private static partial void LogHeldElsewhere(ILogger logger, string jobName);

    [LoggerMessage(Level = LogLevel.Debug,
        Message = "Background job {JobName}: nothing to run (the due time {DueAt:O} was already run, or another instance answered the request or took the run up)")]
    private static partial void LogNothingToRun(ILogger logger, string jobName, DateTime? dueAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Background job {JobName} could not start a run")]
    private static partial void LogCoordinationFailed(ILogger logger, Exception exception, string jobName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Background job {JobName} could not read its stored state; it keeps the last one read")]
    private static partial void LogStateUnreadable(ILogger logger, Exception exception, string jobName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Background job {JobName}: its run could not be stored in the history")]
    private static partial void LogHistoryFailed(ILogger logger, Exception exception, string jobName);

    [LoggerMessage(Level = LogLevel.Error, Message = "Background job {JobName} failed")]
    private static partial void LogRunFailed(ILogger logger, Exception exception, string jobName);
}
