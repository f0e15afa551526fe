using System.Text;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using Switchboard.Infrastructure.Messaging;

namespace Switchboard.Infrastructure.Provisioning;

/// <summary>
/// Publishes reruns to the daemon's event exchange, with publisher confirms: a rerun counts as sent only once the broker
/// has taken it. One connection (from <see cref="RabbitMqConnections"/>, like the consumers'), opened on first use and
/// reopened after a failure.
/// </summary>
public sealed class RequestPublisher(IOptions<ProvisioningOptions> options, RabbitMqConnections connections, TimeProvider clock) : IAsyncDisposable
{
    public const string RerunOfHeader = "x-switchboard-rerun-of";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private IConnection? _connection;
    private IChannel? _channel;

    public bool Configured => options.Value.RabbitMq.Enabled;

    public async Task PublishAsync(OutgoingRequest request, CancellationToken cancellationToken)
    {
        if (!Configured)
        {
            throw new InvalidOperationException($"No broker is configured ({ProvisioningOptions.SectionName}:RabbitMq:Uri), so nothing can be published.");
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            var channel = await ChannelAsync(cancellationToken);
            var properties = new BasicProperties
            {
                MessageId = request.MessageId,
                ReplyTo = request.ReplyTo,
                Type = "request",
                AppId = "switchboard",
                ContentType = "application/json",
                DeliveryMode = DeliveryModes.Persistent,
                Timestamp = new AmqpTimestamp(clock.GetUtcNow().ToUnixTimeSeconds()),
                Headers = new Dictionary<string, object?>
                {
                    ["soa-version"] = "2.0",
                    ["softfail-count"] = 0,
                    [RerunOfHeader] = request.RerunOf.ToString(System.Globalization.CultureInfo.InvariantCulture),
                },
            };
            await channel.BasicPublishAsync(options.Value.RabbitMq.RequestExchange, request.RoutingKey, mandatory: false, properties, Encoding.UTF8.GetBytes(request.Body), cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            await CloseAsync();
            throw;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<IChannel> ChannelAsync(CancellationToken cancellationToken)
    {
        if (_channel is { IsOpen: true } open)
        {
            return open;
        }

        await CloseAsync();
        _connection = await connections.ConnectAsync(options.Value.RabbitMq.Uri!, "switchboard-provisioning-reruns", cancellationToken);
        _channel = await _connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);
        return _channel;
    }

    private async Task CloseAsync()
    {
        if (_channel is not null)
        {
            await _channel.DisposeAsync();
            _channel = null;
        }

        if (_connection is not null)
        {
            await _connection.DisposeAsync();
            _connection = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await CloseAsync();
        _gate.Dispose();
    }
}
