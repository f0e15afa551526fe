using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Switchboard.Infrastructure.Listeners;

/// <summary>
/// Checks every configured deployment on <c>ExchangeListeners:Interval</c> with jitter, each in a loop of its own, so a
/// hanging listener never delays the checks of the others; prunes old checks hourly. A failing check is logged and the
/// loop goes on.
/// </summary>
public sealed partial class ListenerMonitorJob(ListenerMonitor monitor, IOptions<ListenerOptions> options, TimeProvider clock, ILogger<ListenerMonitorJob> logger)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(monitor.Deployments.Select(d => WatchAsync(d, stoppingToken)).Append(PruneAsync(stoppingToken)));

    private async Task WatchAsync(ListenerDeployment deployment, CancellationToken stoppingToken)
    {
        var settings = options.Value;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await monitor.CheckAsync(deployment, stoppingToken);
            }
            catch (Exception failed) when (failed is not OperationCanceledException)
            {
                LogCheckFailed(logger, failed, deployment.Name);
            }

            var wait = settings.Interval * (1 + (settings.Jitter * Random.Shared.NextDouble()));
            await Task.Delay(wait, clock, stoppingToken);
        }
    }

    private async Task PruneAsync(CancellationToken stoppingToken)
    {
        using var hourly = new PeriodicTimer(TimeSpan.FromHours(1), clock);
        while (await hourly.WaitForNextTickAsync(stoppingToken))
        {
            await monitor.PruneAsync(stoppingToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "[Listeners] Recording a check of {Deployment} failed")]
    private static partial void LogCheckFailed(ILogger logger, Exception exception, string deployment);
}
