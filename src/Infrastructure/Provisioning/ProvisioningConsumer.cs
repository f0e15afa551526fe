using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client.Events;
using Switchboard.Domain.Provisioning;
using Switchboard.Infrastructure.Jobs;
using Switchboard.Infrastructure.Messaging;
using Switchboard.Infrastructure.Telemetry;

namespace Switchboard.Infrastructure.Provisioning;

/// <summary>
/// Captures the provisioning daemon's messages from Switchboard's own durable queue (bound by default to the <c>log</c>
/// fanout exchange, which sees requests, replies and failure logs). Each message is read and scrubbed as it arrives;
/// batches are stored in one transaction and acknowledged after the commit (<see cref="RabbitMqConsumer{TMessage}"/>).
/// A redelivered message is recognised by its dedupe key as already stored.
/// </summary>
public sealed class ProvisioningConsumer(
    IOptions<ProvisioningOptions> options, ProvisioningCapture capture, CaptureStatus status, JobRegistry registry, RabbitMqConnections connections,
    IServiceScopeFactory scopes, TimeProvider clock, ILogger<ProvisioningConsumer> logger)
    : RabbitMqConsumer<CapturedMessage>(Descriptor, registry, connections, status, scopes, clock, logger)
{
    public const string Name = "provisioning-capture";

    private static readonly JobDescriptor Descriptor = new(Name,
        "Captures the provisioning daemon's requests, replies and failure logs from RabbitMQ (Provisioning:RabbitMq).", TimeSpan.Zero);

    // Read when the consumer starts, not when it is built: a bad section is reported with the others at start-up.
    protected override ConsumerSettings Settings => SettingsOf(options.Value.RabbitMq);

    protected override CapturedMessage Read(BasicDeliverEventArgs delivery) =>
        capture.Read(BrokerDelivery.ToMessage(delivery, Time.GetUtcNow().UtcDateTime));

    protected override async Task StoreAsync(IServiceProvider services, IReadOnlyList<CapturedMessage> batch, CancellationToken cancellationToken)
    {
        services.GetRequiredService<CaptureStatus>().Count(await services.GetRequiredService<ProvisioningCapture>().StoreAsync(batch, cancellationToken));

        // Lag: from the batch's first message leaving the broker to the batch's commit.
        services.GetRequiredService<SwitchboardMetrics>().Captured(batch.Count, Time.GetUtcNow().UtcDateTime - batch.Min(m => m.ReceivedAt));
    }

    private static ConsumerSettings SettingsOf(ProvisioningQueueOptions settings) =>
        new(settings.Uri, settings.Queue, settings.EffectiveBindings, settings.PrefetchCount, settings.BatchSize, "switchboard-provisioning-capture");
}
