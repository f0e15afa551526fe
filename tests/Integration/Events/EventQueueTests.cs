using System.Text;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client;
using Switchboard.Domain.Events;
using Switchboard.Infrastructure.Events;
using Switchboard.Infrastructure.Jobs;

namespace Switchboard.IntegrationTests.Events;

/// <summary>Events arriving on a real RabbitMQ queue: stored, then acknowledged; unreadable messages kept as rejected.</summary>
public sealed class EventQueueTests(PortalFactory portal, RabbitMqBroker broker) : IClassFixture<PortalFactory>, IClassFixture<RabbitMqBroker>, IAsyncLifetime
{
    private const string Queue = "switchboard.events.test";
    private WebApplicationFactory<Program>? _listening;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _listening = portal.WithWebHostBuilder(b => b
            .UseSetting("Events:RabbitMq:Uri", broker.Uri)
            .UseSetting("Events:RabbitMq:Queue", Queue));
        _ = _listening.Services; // starts the portal and its consumer
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (_listening is not null)
        {
            await _listening.DisposeAsync();
        }
    }

    [Fact]
    public async Task EventOnTheQueue_IsStoredWithItsSource_AndAcknowledged()
    {
        await PublishAsync("""{ "id": "mq-1", "entityType": "IdmIdentity", "eventType": "UPDATE", "entityId": "e1", "identity": "mq.person", "before": { "attributes": { "state": "VALID" } }, "after": { "attributes": { "state": "LEFT" } } }""");

        var stored = await Eventually.FoundAsync("event mq-1 stored", () => portal.QueryAsync(db => db.EntityEvents.AsNoTracking().SingleOrDefaultAsync(e => e.EventId == "mq-1", Ct)));

        Assert.Equal(($"rabbitmq:{Queue}", "UPDATE"), (stored.ReceivedFrom, stored.EventType));
        await QueueDrainedAsync();
    }

    [Fact]
    public async Task SameIdTwice_IsStoredOnce()
    {
        const string body = """{ "id": "mq-dup", "entityType": "SysProvisioningOperation", "eventType": "CREATE", "entityId": "op", "identity": "mq.owner", "system": "AD" }""";
        await PublishAsync(body);
        await PublishAsync(body);
        await PublishAsync("""{ "id": "mq-after-dup", "entityType": "SysProvisioningOperation", "eventType": "CREATE", "entityId": "op2", "identity": "mq.owner" }""");

        await Eventually.FoundAsync("event mq-after-dup stored", () => portal.QueryAsync(db => db.EntityEvents.AsNoTracking().SingleOrDefaultAsync(e => e.EventId == "mq-after-dup", Ct)));

        await using var check = await portal.DbAsync();
        Assert.Equal(1, await check.EntityEvents.CountAsync(e => e.EventId == "mq-dup", Ct));
    }

    [Fact]
    public async Task UnreadableMessages_AreKeptAsRejectedWithRawBodyAndReason_NeverDropped()
    {
        await PublishAsync("this is { not json");
        await PublishAsync("""[{ "id": "mq-bad", "entityType": "IdmGroup", "eventType": "UPDATE", "entityId": "e", "identity": "x" }]""");

        var rejected = await Eventually.MatchesAsync("both unreadable messages kept as rejected", () => portal.QueryAsync(db =>
            db.RejectedEvents.AsNoTracking().Where(r => r.Source == $"rabbitmq:{Queue}").OrderBy(r => r.Id).ToListAsync(Ct)), found => found.Count >= 2);

        Assert.Equal("this is { not json", rejected[0].Body);
        Assert.StartsWith("not valid JSON", rejected[0].Reason, StringComparison.Ordinal);
        Assert.Contains("items[0].entityType", rejected[1].Reason, StringComparison.Ordinal);
        await using var db = await portal.DbAsync();
        Assert.False(await db.EntityEvents.AnyAsync(e => e.EventId == "mq-bad", Ct));
        await QueueDrainedAsync();
    }

    [Fact]
    public async Task Consumer_ReconnectsAfterTheBrokerRestarts_AndStoresWhatComesNext()
    {
        await PublishAsync("""{ "id": "mq-before-restart", "entityType": "SysProvisioningOperation", "eventType": "CREATE", "entityId": "op", "identity": "mq.owner" }""");
        await Eventually.FoundAsync("event mq-before-restart stored", () => portal.QueryAsync(db => db.EntityEvents.AsNoTracking().SingleOrDefaultAsync(e => e.EventId == "mq-before-restart", Ct)));
        var job = _listening!.Services.GetRequiredService<JobRegistry>().Find(RabbitMqEventConsumer.Name)!;

        await broker.RestartAsync();
        await PublishAsync("""{ "id": "mq-after-restart", "entityType": "SysProvisioningOperation", "eventType": "CREATE", "entityId": "op", "identity": "mq.owner" }""");

        await Eventually.FoundAsync("event mq-after-restart stored", () => portal.QueryAsync(db => db.EntityEvents.AsNoTracking().SingleOrDefaultAsync(e => e.EventId == "mq-after-restart", Ct)));
        Assert.NotNull(job.Status.LastError); // the connection loss, kept as the last error after the reconnect
        Assert.False(job.Status.Degraded);
        await QueueDrainedAsync();
    }

    private async Task PublishAsync(string body)
    {
        await using var connection = await new ConnectionFactory { Uri = new Uri(broker.Uri) }.CreateConnectionAsync(Ct);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: Ct);
        await channel.QueueDeclareAsync(Queue, durable: true, exclusive: false, autoDelete: false, arguments: null, cancellationToken: Ct);
        await channel.BasicPublishAsync("", Queue, mandatory: false, new BasicProperties { Persistent = true, ContentType = "application/json" },
            Encoding.UTF8.GetBytes(body), Ct);
    }

    private async Task<uint> MessagesWaitingAsync()
    {
        await using var connection = await new ConnectionFactory { Uri = new Uri(broker.Uri) }.CreateConnectionAsync(Ct);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: Ct);
        var queue = await channel.QueueDeclarePassiveAsync(Queue, Ct);
        return queue.MessageCount;
    }

    private Task QueueDrainedAsync() => Eventually.TrueAsync("the queue's messages acknowledged", async () => await MessagesWaitingAsync() == 0);
}
