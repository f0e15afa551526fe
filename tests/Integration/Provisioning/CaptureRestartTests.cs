using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using RabbitMQ.Client;
using Switchboard.Domain.Provisioning;

namespace Switchboard.IntegrationTests.Provisioning;

/// <summary>The broker crashes and comes back, or drops the capture's queue: the capture carries on, nothing is lost, nothing is stored twice.</summary>
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

    [Fact]
    public async Task QueueDeletedUnderTheCapture_IsDeclaredAgain_AndLaterMessagesAreStored()
    {
        var queue = new Switchboard.Infrastructure.Provisioning.ProvisioningOptions().RabbitMq.Queue;
        await using var connection = await new ConnectionFactory { Uri = new Uri(broker.Uri) }.CreateConnectionAsync(TestContext.Current.CancellationToken);
        await using (var channel = await connection.CreateChannelAsync(cancellationToken: TestContext.Current.CancellationToken))
        {
            await channel.QueueDeleteAsync(queue, cancellationToken: TestContext.Current.CancellationToken);
        }

        // The broker cancels the capture's consumer; reconnecting declares the queue again and consumes from it. (A passive
        // look at a missing queue closes the channel, so each look has its own.)
        await Eventually.MatchesAsync("the capture's queue declared again with a consumer", async () =>
        {
            try
            {
                await using var channel = await connection.CreateChannelAsync(cancellationToken: TestContext.Current.CancellationToken);
                return await channel.ConsumerCountAsync(queue, TestContext.Current.CancellationToken);
            }
            catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
            {
                return 0u;
            }
        }, consumers => consumers == 1, TimeSpan.FromMinutes(1));

        const string Id = "queue-deleted-1";
        await ProvisioningRig.PublishToLogAsync(broker,
        [
            ("request.googleapps.user.requeue", new BasicProperties { MessageId = Id, Type = "request", ReplyTo = "exchange", Headers = ProvisioningRig.V2Headers() },
                """{"gram_account_uuid":"00000000-0000-4000-8000-000000000777","primary_email":"q@gadz.org"}"""),
            ("reply.googleapps.user.requeue", new BasicProperties { MessageId = $"{Id}-reply", CorrelationId = Id, Type = "reply", Headers = ProvisioningRig.V2Headers(500, "hardfail", "QueueDeletedTest") },
                """{"error_message":"simulated","debug_message":null,"error_data":null}"""),
        ]);
        var envelope = await portal.EnvelopeOfAsync(Id, e => e.RequestId != null, "the envelope of a failure published after the queue came back");
        Assert.Equal("QueueDeletedTest", envelope.ErrorName);
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
