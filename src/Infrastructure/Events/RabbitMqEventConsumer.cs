using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client.Events;
using Switchboard.Infrastructure.Jobs;
using Switchboard.Infrastructure.Messaging;

namespace Switchboard.Infrastructure.Events;

/// <summary>
/// Takes events from a RabbitMQ queue (the same JSON as <c>POST /api/events</c>), in batches acknowledged only after
/// their events are stored, or kept as rejected events when a message cannot be read (<see cref="RabbitMqConsumer{TMessage}"/>);
/// when storing fails the batch goes back to the queue. Nothing is dropped; a redelivered event is stored once (its id).
/// </summary>
public sealed class RabbitMqEventConsumer(
    IOptions<EventQueueOptions> options, JobRegistry registry, RabbitMqConnections connections, IServiceScopeFactory scopes, TimeProvider clock,
    ILogger<RabbitMqEventConsumer> logger)
    : RabbitMqConsumer<QueuedEvents>(Descriptor, registry, connections, new ConsumerStatus(clock), scopes, clock, logger)
{
    public const string Name = "event-queue";

    private static readonly JobDescriptor Descriptor = new(Name, "Takes entity events from RabbitMQ (Events:RabbitMq) and stores them like POST /api/events.", TimeSpan.Zero);

    // Read when the consumer starts, not when it is built: a bad section is reported with the others at start-up.
    protected override ConsumerSettings Settings => SettingsOf(options.Value);

    private string Source => $"rabbitmq:{options.Value.Queue}";

    protected override QueuedEvents Read(BasicDeliverEventArgs delivery)
    {
        var body = delivery.Body.Span;
        try
        {
            using var document = JsonDocument.Parse(delivery.Body);
            var (events, errors) = EventBatchReader.Read(document.RootElement);
            return errors.Count == 0
                ? new QueuedEvents(events, null, null)
                : new QueuedEvents([], string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")), Encoding.UTF8.GetString(body));
        }
        catch (JsonException malformed)
        {
            return new QueuedEvents([], $"not valid JSON: {malformed.Message}", Encoding.UTF8.GetString(body));
        }
    }

    protected override async Task StoreAsync(IServiceProvider services, IReadOnlyList<QueuedEvents> batch, CancellationToken cancellationToken)
    {
        var ingest = services.GetRequiredService<EventIngest>();
        await ingest.RejectAsync(Source, batch.Where(m => m.Problem is not null).Select(m => (m.RawBody!, m.Problem!)).ToList(), cancellationToken);
        await ingest.StoreAsync(batch.SelectMany(m => m.Events).ToList(), Source, cancellationToken);
    }

    private static ConsumerSettings SettingsOf(EventQueueOptions settings) =>
        new(settings.Uri, settings.Queue, [], settings.PrefetchCount, settings.BatchSize, "switchboard-events");
}
