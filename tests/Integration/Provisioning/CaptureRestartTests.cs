using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using RabbitMQ.Client;
using Switchboard.Domain.Provisioning;

namespace Switchboard.IntegrationTests.Provisioning;

/// <summary>The broker crashes and comes back while failures stream in: nothing is lost, nothing is stored twice.</summary>
public sealed class CaptureRestartTests(PortalFactory portal, RabbitMqBroker broker) : IClassFixture<PortalFactory>, IClassFixture<RabbitMqBroker>, IAsyncLifetime
{
    private const int Requests = 300;
    private WebApplicationFactory<Program>? _capturing;

    public async ValueTask InitializeAsync() => _capturing = await ProvisioningRig.CapturingPortalAsync(portal, broker);

    public async ValueTask DisposeAsync()
    {
        if (_capturing is not null)
        {
            await _capturing.DisposeAsync();
        }
    }

    [Fact]
    public async Task BrokerRestartedMidStream_LosesNothing_AndStoresNothingTwice()
    {
        await ProvisioningRig.PublishToLogAsync(broker, Traffic(0, Requests / 2));
        await broker.RestartAsync();
        await ProvisioningRig.PublishToLogAsync(broker, Traffic(Requests / 2, Requests));

        // The consumer reconnects with back-off up to 30 s, and an attempt made while the broker is still booting waits out
        // the connection timeout first: on a loaded machine the second half can arrive more than a minute after the restart.
        await Eventually.MatchesAsync($"{Requests} envelopes after the restart (envelopes stored)", () => portal.QueryAsync(db =>
            db.ProvisioningEnvelopes.CountAsync(e => e.ErrorName == "RestartTest", TestContext.Current.CancellationToken)), stored => stored == Requests,
            TimeSpan.FromMinutes(3));
        await using var check = await portal.DbAsync();
        Assert.Equal(Requests * 2, await check.ProvisioningMessages.CountAsync(m => m.RoutingKey.EndsWith(".restart"), TestContext.Current.CancellationToken));
        Assert.Equal(Requests, (await check.FailureGroups.SingleAsync(g => g.Title == "RestartTest", TestContext.Current.CancellationToken)).Failures);
        Assert.Equal(Requests, await check.ProvisioningEnvelopes.Where(e => e.ErrorName == "RestartTest").CountAsync(e => e.RequestId != null, TestContext.Current.CancellationToken));
    }

    /// <summary>A request and its hardfail reply per number, as copies on the log exchange.</summary>
    private static IEnumerable<(string, BasicProperties, string)> Traffic(int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            var id = $"restart-{i}";
            yield return ("request.googleapps.user.restart", new BasicProperties { MessageId = id, Type = "request", ReplyTo = "exchange", Headers = ProvisioningRig.V2Headers() },
                $$"""{"gram_account_uuid":"00000000-0000-4000-8000-{{i:D12}}","primary_email":"r{{i}}@gadz.org"}""");
            yield return ("reply.googleapps.user.restart", new BasicProperties { MessageId = $"{id}-reply", CorrelationId = id, Type = "reply", Headers = ProvisioningRig.V2Headers(500, "hardfail", "RestartTest") },
                """{"error_message":"simulated","debug_message":null,"error_data":null}""");
        }
    }
}
