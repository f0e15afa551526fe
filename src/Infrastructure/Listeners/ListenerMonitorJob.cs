using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.Infrastructure.Jobs;

namespace Switchboard.Infrastructure.Listeners;

/// <summary>
/// Checks every configured deployment on <c>ExchangeListeners:Interval</c> with jitter, each in a loop of its own, so a
/// hanging listener never delays the checks of the others (with several instances, once per interval across them:
/// <see cref="ListenerMonitor.CheckIfDueAsync"/>); prunes old checks hourly. A failing check is logged and the
/// loop goes on. Run now (through its job handle) checks every deployment at once.
/// </summary>
public sealed partial class ListenerMonitorJob(
    ListenerMonitor monitor, IOptions<ListenerOptions> options, JobRegistry registry, TimeProvider clock, ILogger<ListenerMonitorJob> logger)
    : ContinuousJob(Descriptor, registry, clock)
{
    public const string Name = "listener-monitor";

    private static readonly JobDescriptor Descriptor = new(Name,
        "Checks every Exchange Listener deployment on its interval, alerts when one goes down or comes back, and prunes old checks hourly.",
        TimeSpan.Zero, Continuous: true);

    private CancellationTokenSource _checkNow = new();

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var deployments = monitor.Deployments;
        Report(deployments.Count == 0
            ? "no deployments configured"
            : $"watching {(deployments.Count == 1 ? "1 deployment" : $"{deployments.Count} deployments")} every {options.Value.Interval:c}");
        return Task.WhenAll(deployments.Select(d => WatchAsync(d, stoppingToken)).Append(PruneAsync(stoppingToken)).Append(AnswerRunNowAsync(stoppingToken)));
    }

    private async Task WatchAsync(ListenerDeployment deployment, CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var asked = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            var started = Time.GetUtcNow().UtcDateTime;
            try
            {
                if (await monitor.CheckIfDueAsync(deployment, asked, stoppingToken) is { } check)
                {
                    Ran(started, JobOutcome.Succeeded, $"{deployment.Name}: {check.State}");
                }
            }
            catch (Exception failed) when (failed is not OperationCanceledException)
            {
                LogCheckFailed(logger, failed, deployment.Name);
                Ran(started, JobOutcome.Failed, null, $"{deployment.Name}: {failed.Message}");
            }

            var wait = settings.Interval * (1 + (settings.Jitter * Random.Shared.NextDouble()));
            using var waiting = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, Volatile.Read(ref _checkNow).Token);
            try
            {
                await Task.Delay(wait, Time, waiting.Token);
                asked = false;
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                // Run now: check at once.
                asked = true;
            }
        }
    }

    /// <summary>Each Run now ends the wait of every deployment's loop.</summary>
    private async Task AnswerRunNowAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            if (await WaitAsync(Timeout.InfiniteTimeSpan, stoppingToken) is not null)
            {
                // The old source is not disposed: a loop may be linking to it at this moment (it holds no timer).
                await Interlocked.Exchange(ref _checkNow, new CancellationTokenSource()).CancelAsync();
            }
        }
    }

    private async Task PruneAsync(CancellationToken stoppingToken)
    {
        using var hourly = new PeriodicTimer(TimeSpan.FromHours(1), Time);
        while (await hourly.WaitForNextTickAsync(stoppingToken))
        {
            await monitor.PruneAsync(stoppingToken);
        }
    }

    public override void Dispose()
    {
        _checkNow.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "[Listeners] Recording a check of {Deployment} failed")]
    private static partial void LogCheckFailed(ILogger logger, Exception exception, string deployment);
}
