using System.Text;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client;
using Switchboard.Domain.Provisioning;
using Switchboard.Infrastructure.Messaging;
using Switchboard.Infrastructure.Provisioning;
using Switchboard.ProvisioningSimulator;

namespace Switchboard.IntegrationTests.Provisioning;

/// <summary>The portal capturing from a real RabbitMQ node (the daemon family's exchanges declared), for the provisioning tests.</summary>
public static class ProvisioningRig
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<WebApplicationFactory<Program>> CapturingPortalAsync(PortalFactory portal, RabbitMqBroker broker)
    {
        await using (var connection = await new ConnectionFactory { Uri = new Uri(broker.Uri) }.CreateConnectionAsync(Ct))
        await using (var channel = await connection.CreateChannelAsync(cancellationToken: Ct))
        {
            await DaemonSimulator.DeclareTopologyAsync(channel);
        }

        var capturing = portal.WithWebHostBuilder(b => b
            .UseSetting("Provisioning:RabbitMq:Uri", broker.Uri)
            .UseSetting("Provisioning:RabbitMq:BatchSize", "100")
            .UseSetting("Provisioning:RerunsPerSecond", "100"));
        var status = capturing.Services.GetRequiredService<CaptureStatus>();
        await Eventually.MatchesAsync("the capture consumer connected", () => Task.FromResult(status.State), state => state == ConnectionState.Connected);
        return capturing;
    }

    public static Task<ProvisioningEnvelope> EnvelopeOfAsync(this PortalFactory portal, string requestId, Func<ProvisioningEnvelope, bool> when, string what) =>
        Eventually.FoundAsync(what, () => portal.QueryAsync(async db =>
            await db.ProvisioningEnvelopes.AsNoTracking().SingleOrDefaultAsync(e => e.CorrelationId == requestId, Ct) is { } envelope && when(envelope) ? envelope : null));

    /// <summary>Publishes a message to the <c>log</c> fanout exchange with publisher confirms, as the daemon's copy would arrive.</summary>
    public static async Task PublishToLogAsync(RabbitMqBroker broker, IEnumerable<(string RoutingKey, BasicProperties Properties, string Body)> messages)
    {
        await using var connection = await new ConnectionFactory { Uri = new Uri(broker.Uri) }.CreateConnectionAsync(Ct);
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), Ct);
        foreach (var (routingKey, properties, body) in messages)
        {
            properties.DeliveryMode = DeliveryModes.Persistent;
            await channel.BasicPublishAsync("log", routingKey, mandatory: false, properties, Encoding.UTF8.GetBytes(body), Ct);
        }
    }

    public static Dictionary<string, object?> V2Headers(int? status = null, string? errorType = null, string? errorName = null) => new()
    {
        ["soa-version"] = "2.0",
        ["status-code"] = status,
        ["error-type"] = errorType,
        ["error-name"] = errorName,
        ["softfail-count"] = 0,
    };
}
