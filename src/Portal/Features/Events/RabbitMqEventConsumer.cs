using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using Switchboard.Portal.Api;

namespace Switchboard.Portal.Features.Events;

/// <summary>
/// Takes events from a RabbitMQ queue (the same JSON as <c>POST /api/events</c>). A message is acknowledged only after
/// its events are stored, or after it is kept as a rejected event when it cannot be read; when storing fails it goes
/// back to the queue. Nothing is dropped. Connection failures are retried with back-off.
/// </summary>
public sealed partial class RabbitMqEventConsumer(
    IOptions<EventQueueOptions> options, IServiceScopeFactory scopes, ILogger<RabbitMqEventConsumer> logger) : BackgroundService
{
    private static readonly TimeSpan MaxBackOff = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return;
        }

        var backOff = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ConsumeAsync(settings, stoppingToken);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogConnectionFailed(logger, settings.Queue, ex.GetType().Name, backOff.TotalSeconds);
                await Task.Delay(backOff, stoppingToken);
                backOff = TimeSpan.FromTicks(Math.Min(backOff.Ticks * 2, MaxBackOff.Ticks));
            }
        }
    }

    private async Task ConsumeAsync(EventQueueOptions settings, CancellationToken stoppingToken)
    {
        var factory = new ConnectionFactory { Uri = new Uri(settings.Uri!), AutomaticRecoveryEnabled = true, ClientProvidedName = "switchboard-portal" };
        await using var connection = await factory.CreateConnectionAsync(stoppingToken);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: stoppingToken);
        await channel.QueueDeclareAsync(settings.Queue, durable: true, exclusive: false, autoDelete: false, arguments: null, cancellationToken: stoppingToken);
        await channel.BasicQosAsync(0, settings.PrefetchCount, global: false, stoppingToken);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) => HandleAsync(channel, settings.Queue, delivery, stoppingToken);
        await channel.BasicConsumeAsync(settings.Queue, autoAck: false, consumer, stoppingToken);
        LogConsuming(logger, settings.Queue);
        await Task.Delay(Timeout.Infinite, stoppingToken);
    }

    private async Task HandleAsync(IChannel channel, string queue, BasicDeliverEventArgs delivery, CancellationToken stoppingToken)
    {
        var source = $"rabbitmq:{queue}";
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var ingest = scope.ServiceProvider.GetRequiredService<EventIngestService>();
            var body = delivery.Body.ToArray();
            var (events, problem) = Read(body);
            if (problem is not null)
            {
                await ingest.RejectAsync(source, Encoding.UTF8.GetString(body), problem, stoppingToken);
            }
            else
            {
                await ingest.StoreReceivedAsync(events, source, stoppingToken);
            }

            await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false, stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogStoreFailed(logger, ex, queue);
            await channel.BasicNackAsync(delivery.DeliveryTag, multiple: false, requeue: true, stoppingToken);
        }
    }

    /// <returns>The events, or why the message cannot be read as events (the same checks as the HTTP ingest).</returns>
    private static (IReadOnlyList<IncomingEvent> Events, string? Problem) Read(byte[] body)
    {
        if (body.Length > JsonRequestBody.MaxBytes)
        {
            return ([], $"the message is larger than {JsonRequestBody.MaxBytes / 1024} KiB");
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var (events, errors) = EventBatchReader.Read(document.RootElement);
            return errors.Count == 0 ? (events, null) : ([], string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
        }
        catch (JsonException malformed)
        {
            return ([], $"not valid JSON: {malformed.Message}");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Taking events from RabbitMQ queue {Queue}")]
    private static partial void LogConsuming(ILogger logger, string queue);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot take events from RabbitMQ queue {Queue} ({Error}); trying again in {Seconds} s")]
    private static partial void LogConnectionFailed(ILogger logger, string queue, string error, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Storing a message from RabbitMQ queue {Queue} failed; it goes back to the queue")]
    private static partial void LogStoreFailed(ILogger logger, Exception exception, string queue);
}
