using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using RabbitMQ.Client.Exceptions;
using Switchboard.Domain.Provisioning;

namespace Switchboard.Infrastructure.Provisioning;

/// <summary>
/// Captures the provisioning daemon's messages from Switchboard's own durable queue (bound by default to the <c>log</c>
/// fanout exchange, which sees requests, replies and failure logs). Deliveries are stored in batches and acknowledged
/// together (<c>multiple: true</c>) only after the batch is committed; a failed batch goes back to the queue. When the
/// connection drops, unacknowledged messages are redelivered and recognised as already stored. Reconnects with back-off.
/// </summary>
public sealed partial class ProvisioningConsumer(
    IOptions<ProvisioningOptions> options, ProvisioningCapture capture, CaptureStatus status, TimeProvider clock, ILogger<ProvisioningConsumer> logger)
    : BackgroundService
{
    private static readonly TimeSpan MaxBackOff = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value.RabbitMq;
        if (!settings.Enabled)
        {
            status.Enter(ConnectionState.NotConfigured);
            return;
        }

        var backOff = TimeSpan.FromSeconds(1);
        status.Enter(ConnectionState.Connecting);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ConsumeAsync(settings, () => backOff = TimeSpan.FromSeconds(1), stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                var reason = Describe(ex);
                status.Enter(ConnectionState.Reconnecting, reason);
                LogConnectionLost(logger, settings.Queue, reason, backOff.TotalSeconds);
            }

            await Task.Delay(backOff, clock, stoppingToken);
            backOff = TimeSpan.FromTicks(Math.Min(backOff.Ticks * 2, MaxBackOff.Ticks));
        }
    }

    private async Task ConsumeAsync(ProvisioningQueueOptions settings, Action connected, CancellationToken stoppingToken)
    {
        var factory = new ConnectionFactory { Uri = new Uri(settings.Uri!), AutomaticRecoveryEnabled = false, ClientProvidedName = "switchboard-provisioning-capture" };
        await using var connection = await factory.CreateConnectionAsync(stoppingToken);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: stoppingToken);
        await channel.QueueDeclareAsync(settings.Queue, durable: true, exclusive: false, autoDelete: false, arguments: null, cancellationToken: stoppingToken);
        foreach (var (exchange, routingKey) in settings.EffectiveBindings)
        {
            await channel.QueueBindAsync(settings.Queue, exchange, routingKey, cancellationToken: stoppingToken);
        }

        await channel.BasicQosAsync(0, settings.PrefetchCount, global: false, stoppingToken);

        var deliveries = Channel.CreateUnbounded<(ulong Tag, CapturedMessage Message)>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        connection.ConnectionShutdownAsync += (_, reason) =>
        {
            deliveries.Writer.TryComplete(new IOException($"the connection closed: {reason.ReplyText}"));
            return Task.CompletedTask;
        };
        channel.ChannelShutdownAsync += (_, reason) =>
        {
            deliveries.Writer.TryComplete(new IOException($"the channel closed: {reason.ReplyText}"));
            return Task.CompletedTask;
        };
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            deliveries.Writer.TryWrite((delivery.DeliveryTag, capture.Read(BrokerDelivery.ToMessage(delivery, clock.GetUtcNow().UtcDateTime))));
            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(settings.Queue, autoAck: false, consumer, stoppingToken);
        status.Enter(ConnectionState.Connected);
        connected();
        LogConsuming(logger, settings.Queue, settings.EffectiveBindings.Count);

        var batch = new List<(ulong Tag, CapturedMessage Message)>(settings.BatchSize);
        while (await deliveries.Reader.WaitToReadAsync(stoppingToken))
        {
            batch.Clear();
            while (batch.Count < settings.BatchSize && deliveries.Reader.TryRead(out var delivery))
            {
                batch.Add(delivery);
            }

            var last = batch[^1].Tag;
            try
            {
                var summary = await capture.StoreAsync(batch.ConvertAll(d => d.Message), stoppingToken);
                await channel.BasicAckAsync(last, multiple: true, stoppingToken);
                status.Count(summary);
            }
            catch (Exception ex) when (ex is not OperationCanceledException && connection.IsOpen)
            {
                LogStoreFailed(logger, ex, batch.Count);
                await channel.BasicNackAsync(last, multiple: true, requeue: true, stoppingToken);
                await Task.Delay(TimeSpan.FromSeconds(1), clock, stoppingToken);
            }
        }
    }

    /// <summary>The reason without the URI (which holds the password).</summary>
    private static string Describe(Exception ex) => ex switch
    {
        OperationInterruptedException { ShutdownReason: { } reason } => $"{reason.ReplyCode} {reason.ReplyText}",
        BrokerUnreachableException => "the broker cannot be reached",
        AuthenticationFailureException => "the broker refused the user name or password",
        _ => ex.Message,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Capturing provisioning messages from RabbitMQ queue {Queue} ({Bindings} bindings)")]
    private static partial void LogConsuming(ILogger logger, string queue, int bindings);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Provisioning capture from queue {Queue} stopped ({Reason}); reconnecting in {Seconds} s")]
    private static partial void LogConnectionLost(ILogger logger, string queue, string reason, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Storing {Count} provisioning messages failed; they go back to the queue")]
    private static partial void LogStoreFailed(ILogger logger, Exception exception, int count);
}
