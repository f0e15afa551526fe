using System.Globalization;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using Switchboard.Infrastructure.Jobs;

namespace Switchboard.Infrastructure.Messaging;

/// <summary>
/// The one shape of a RabbitMQ consumer in Switchboard. Each delivery is read (<see cref="Read"/>) as it arrives, while the
/// previous batch is being stored; deliveries are then stored in batches of at most <see cref="ConsumerSettings.BatchSize"/>,
/// each in a DI scope of its own and one commit (<see cref="StoreAsync"/>), and acknowledged together
/// (<c>multiple: true</c>) only after that commit. A batch that fails goes back to the queue. When the connection
/// drops, unacknowledged messages are redelivered (storing must recognise them). Reconnects with back-off through
/// <see cref="TimeProvider"/>; Run now on the Background jobs page ends the back-off. Its state is shown there.
/// </summary>
public abstract partial class RabbitMqConsumer<TMessage> : ContinuousJob
{
    private static readonly TimeSpan FirstBackOff = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxBackOff = TimeSpan.FromSeconds(30);
    private readonly RabbitMqConnections _connections;
    private readonly IServiceScopeFactory _scopes;
    private readonly ILogger _logger;

    protected RabbitMqConsumer(
        JobDescriptor descriptor, JobRegistry registry, RabbitMqConnections connections, ConsumerStatus status, IServiceScopeFactory scopes,
        TimeProvider time, ILogger logger)
        : base(descriptor, registry, time)
    {
        _connections = connections;
        Status = status;
        _scopes = scopes;
        _logger = logger;
    }

    protected ConsumerStatus Status { get; }

    protected abstract ConsumerSettings Settings { get; }

    /// <summary>Turns a delivery into what is stored; runs on the client's dispatch thread, so it copies what it keeps (the body buffer is reused).</summary>
    protected abstract TMessage Read(BasicDeliverEventArgs delivery);

    /// <summary>Stores a batch in one commit; throw and the whole batch goes back to the queue.</summary>
    protected abstract Task StoreAsync(IServiceProvider services, IReadOnlyList<TMessage> batch, CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = Settings;
        if (!settings.Enabled)
        {
            Status.Enter(ConnectionState.NotConfigured);
            Report("not configured");
            return;
        }

        var backOff = FirstBackOff;
        Status.Enter(ConnectionState.Connecting);
        Report("connecting");
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ConsumeAsync(settings, () => backOff = FirstBackOff, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                var reason = RabbitMqConnections.Describe(ex);
                Status.Enter(ConnectionState.Reconnecting, reason);
                Report($"reconnecting in {backOff.TotalSeconds:0} s", degraded: true, error: reason);
                LogConnectionLost(_logger, settings.Queue, reason, backOff.TotalSeconds);
            }

            await WaitAsync(backOff, stoppingToken);
            backOff = TimeSpan.FromTicks(Math.Min(backOff.Ticks * 2, MaxBackOff.Ticks));
        }
    }

    private async Task ConsumeAsync(ConsumerSettings settings, Action connected, CancellationToken stoppingToken)
    {
        await using var connection = await _connections.ConnectAsync(settings.Uri!, settings.ClientName, stoppingToken);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: stoppingToken);
        await channel.QueueDeclareAsync(settings.Queue, durable: true, exclusive: false, autoDelete: false, arguments: null, cancellationToken: stoppingToken);
        foreach (var (exchange, routingKey) in settings.Bindings)
        {
            await channel.QueueBindAsync(settings.Queue, exchange, routingKey, cancellationToken: stoppingToken);
        }

        await channel.BasicQosAsync(0, settings.PrefetchCount, global: false, stoppingToken);

        var deliveries = Channel.CreateUnbounded<(ulong Tag, TMessage Message)>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
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
            deliveries.Writer.TryWrite((delivery.DeliveryTag, Read(delivery)));
            return Task.CompletedTask;
        };

        // The broker cancels a consumer whose queue is deleted (or whose node is lost) and keeps the channel open: without
        // this the consumer would sit connected and idle for good. Reconnecting declares the queue again.
        consumer.UnregisteredAsync += (_, _) =>
        {
            deliveries.Writer.TryComplete(new IOException($"the broker cancelled the consumer of queue {settings.Queue} (deleted?)"));
            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(settings.Queue, autoAck: false, consumer, stoppingToken);
        Status.Enter(ConnectionState.Connected);
        Report("connected");
        connected();
        LogConsuming(_logger, settings.Queue, settings.Bindings.Count);

        // SQLite's driver is synchronous even under await: batches are stored and acknowledged on a thread of their own,
        // so the client's dispatch loop keeps receiving and reading the next batch on the thread pool meanwhile.
        var writer = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                StoreBatches(connection, channel, deliveries.Reader, settings, stoppingToken);
                writer.TrySetResult();
            }
            catch (Exception ex)
            {
                writer.TrySetException(ex);
            }
        })
        { IsBackground = true, Name = $"{settings.ClientName} writer" };
        thread.Start();
        await writer.Task;
    }

    /// <summary>The writer thread's loop: waits synchronously (it owns its thread), never on a thread-pool thread.</summary>
    private void StoreBatches(IConnection connection, IChannel channel, ChannelReader<(ulong Tag, TMessage Message)> deliveries, ConsumerSettings settings,
        CancellationToken stoppingToken)
    {
        var batch = new List<TMessage>(settings.BatchSize);
        while (Wait(deliveries.WaitToReadAsync(stoppingToken)))
        {
            batch.Clear();
            ulong last = 0;
            while (batch.Count < settings.BatchSize && deliveries.TryRead(out var delivery))
            {
                batch.Add(delivery.Message);
                last = delivery.Tag;
            }

            var started = Time.GetUtcNow().UtcDateTime;
            try
            {
                var scope = _scopes.CreateAsyncScope();
                try
                {
                    StoreAsync(scope.ServiceProvider, batch, stoppingToken).GetAwaiter().GetResult();
                }
                finally
                {
                    Wait(scope.DisposeAsync());
                }

                Wait(channel.BasicAckAsync(last, multiple: true, stoppingToken));
            }
            catch (Exception ex) when (ex is not OperationCanceledException && connection.IsOpen)
            {
                LogStoreFailed(_logger, ex, batch.Count, settings.Queue);
                Ran(started, JobOutcome.Failed, null, $"storing {batch.Count} messages failed: {ex.Message}");
                Wait(channel.BasicNackAsync(last, multiple: true, requeue: true, stoppingToken));
                Task.Delay(FirstBackOff, Time, stoppingToken).GetAwaiter().GetResult();
                continue;
            }

            if (Status.CountHandled(batch.Count))
            {
                Report(string.Create(CultureInfo.InvariantCulture, $"connected · {Status.Rate:N0} msg/s · {Status.Handled:N0} handled"));
            }
        }
    }

    private static T Wait<T>(ValueTask<T> pending) => pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult();

    private static void Wait(ValueTask pending)
    {
        if (!pending.IsCompletedSuccessfully)
        {
            pending.AsTask().GetAwaiter().GetResult();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Consuming from RabbitMQ queue {Queue} ({Bindings} bindings)")]
    private static partial void LogConsuming(ILogger logger, string queue, int bindings);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Consuming from RabbitMQ queue {Queue} stopped ({Reason}); reconnecting in {Seconds} s")]
    private static partial void LogConnectionLost(ILogger logger, string queue, string reason, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Storing {Count} messages from RabbitMQ queue {Queue} failed; they go back to the queue")]
    private static partial void LogStoreFailed(ILogger logger, Exception exception, int count, string queue);
}
