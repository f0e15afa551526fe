// Capture throughput: N provisioning messages (a third requests, the rest replies: 70% success, 30% hardfail over
// 20 error names) waiting on RabbitMQ, taken by (1) a plain consumer that acknowledges without storing and (2) the
// portal's capture (read, scrub, store, acknowledge after commit), in the same run against the same broker; the
// database is SQLite, PostgreSQL (a throw-away cluster) or, round by round, both (--provider sqlite|postgres|both).
// Run: bench/ProvisioningCapture/run.sh [messages] [rounds] [--provider sqlite|postgres|both]   (starts a throw-away RabbitMQ node on loopback)
//  or: dotnet run -c Release --project bench/ProvisioningCapture -- <amqp-uri> [messages] [rounds] [--provider …]
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using Switchboard.Bench;
using Switchboard.Infrastructure.Jobs;
using Switchboard.Infrastructure.Messaging;
using Switchboard.Infrastructure.Persistence;
using Switchboard.Infrastructure.Provisioning;

var (providers, rest) = BenchDatabase.Parse(args);
var uri = rest[0];
var total = rest.Length > 1 ? int.Parse(rest[1], CultureInfo.InvariantCulture) : 150_000;
var rounds = rest.Length > 2 ? int.Parse(rest[2], CultureInfo.InvariantCulture) : 3;
const string PlainQueue = "bench.plain";
const string CaptureQueue = "switchboard.provisioning";

await using var connection = await new ConnectionFactory { Uri = new Uri(uri) }.CreateConnectionAsync();
await using (var setup = await connection.CreateChannelAsync())
{
    await setup.ExchangeDeclareAsync("log", ExchangeType.Fanout, durable: true);
    foreach (var queue in new[] { PlainQueue, CaptureQueue })
    {
        await setup.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);
        await setup.QueueBindAsync(queue, "log", "#");
    }
}

Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_SWITCHBOARD_PORTAL", Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../src/Portal")));
var databases = new List<BenchDatabase>();
foreach (var provider in providers)
{
    databases.Add(await BenchDatabase.StartAsync(provider));
}

var results = databases.ToDictionary(d => d.Provider, _ => (Plain: new List<double>(), Capture: new List<double>(), Ratio: new List<double>()));
try
{
    // With both providers, each round measures one after the other, each against a plain consumer drained just before it.
    for (var round = 1; round <= rounds; round++)
    {
        foreach (var database in databases)
        {
            await PublishAsync(connection, total);
            var plainRate = total / (await PlainAsync(connection, total)).TotalSeconds;
            var captureRate = total / (await CaptureAsync(connection, uri, total, database)).TotalSeconds;
            var (plain, capture, ratio) = results[database.Provider];
            plain.Add(plainRate);
            capture.Add(captureRate);
            ratio.Add(captureRate / plainRate);
            Console.WriteLine($"Round {round} ({database.Provider}): plain consumer {plainRate,8:N0} msg/s · Switchboard capture {captureRate,8:N0} msg/s · capture / plain {captureRate / plainRate:P0}");
        }
    }
}
finally
{
    foreach (var database in databases)
    {
        await database.DisposeAsync();
    }
}

foreach (var (provider, (plain, capture, ratio)) in results)
{
    Console.WriteLine($"Median of {rounds} rounds of {total:N0} messages ({provider}): plain consumer {BenchDatabase.Median(plain):N0} msg/s · "
        + $"Switchboard capture {BenchDatabase.Median(capture):N0} msg/s · capture / plain {BenchDatabase.Median(ratio):P0}");
}

static async Task PublishAsync(IConnection connection, int total)
{
    await using (var setup = await connection.CreateChannelAsync())
    {
        await setup.QueuePurgeAsync(PlainQueue);
        await setup.QueuePurgeAsync(CaptureQueue);
    }

    await using var publisher = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
    var pending = new List<Task>(1000);
    for (var i = 0; i < total; i++)
    {
        var (routingKey, properties, body) = Message(i);
        pending.Add(publisher.BasicPublishAsync("log", routingKey, mandatory: false, properties, body).AsTask());
        if (pending.Count == 1000)
        {
            await Task.WhenAll(pending);
            pending.Clear();
        }
    }

    await Task.WhenAll(pending);
}

// Plain consumer: same prefetch and batch acknowledgements as the capture, nothing stored.
static async Task<TimeSpan> PlainAsync(IConnection connection, int total)
{
    var plain = Stopwatch.StartNew();
    await using var channel = await connection.CreateChannelAsync();
    await channel.BasicQosAsync(0, new ProvisioningQueueOptions().PrefetchCount, false);
    var batch = new ProvisioningQueueOptions().BatchSize;
    var received = 0;
    var done = new TaskCompletionSource();
    var consumer = new AsyncEventingBasicConsumer(channel);
    consumer.ReceivedAsync += async (_, delivery) =>
    {
        received++;
        if (received % batch == 0 || received == total)
        {
            await channel.BasicAckAsync(delivery.DeliveryTag, multiple: true);
        }

        if (received == total)
        {
            done.TrySetResult();
        }
    };
    var tag = await channel.BasicConsumeAsync(PlainQueue, autoAck: false, consumer);
    await done.Task;
    plain.Stop();
    await channel.BasicCancelAsync(tag);
    return plain.Elapsed;
}

// The portal's capture (a fresh portal and database each round), started on a full queue once the portal has started:
// the bench holds the queue with an exclusive consumer until the portal's start-up work (migrations, each job's first
// run) is done, so that the window measures the capture alone, as the plain consumer's does.
static async Task<TimeSpan> CaptureAsync(IConnection connection, string uri, int total, BenchDatabase database)
{
    var (configure, drop) = database.Fresh();
    var holder = await connection.CreateChannelAsync();
    await holder.BasicQosAsync(0, 1, false);
    await holder.BasicConsumeAsync(CaptureQueue, autoAck: false, consumerTag: "bench-holder", noLocal: false, exclusive: true, arguments: null,
        consumer: new AsyncEventingBasicConsumer(holder));
    var portal = new WebApplicationFactory<Switchboard.Portal.Auth.OidcOptions>().WithWebHostBuilder(b => configure(b
        .UseEnvironment("Development")
        .UseSetting("DemoData:Enabled", "false")
        .UseSetting("Provisioning:RabbitMq:Uri", uri)
        .UseSetting("Logging:LogLevel:Default", "Warning")));
    try
    {
        var status = portal.Services.GetRequiredService<CaptureStatus>();
        await BenchProcess.WaitUntilIdleAsync();
        await holder.CloseAsync();
        portal.Services.GetRequiredService<JobRegistry>().Find(ProvisioningConsumer.Name)!.RequestRun("bench");
        while (status.State != ConnectionState.Connected)
        {
            await Task.Delay(5);
        }

        var capture = Stopwatch.StartNew();
        while (status.Stored + status.Duplicates + status.Ignored < total)
        {
            await Task.Delay(5);
        }

        capture.Stop();
        await CheckStoredAsync(portal.Services, total);
        return capture.Elapsed;
    }
    finally
    {
        await holder.DisposeAsync();
        await portal.DisposeAsync();
        await drop();
    }
}

// What the capture must have stored: every message once, one envelope per failed request (its two replies counted once
// by its group), each reply linked to its request's envelope.
static async Task CheckStoredAsync(IServiceProvider services, int total)
{
    await using var db = await services.GetRequiredService<IDbContextFactory<SwitchboardDbContext>>().CreateDbContextAsync();
    var failedRequests = Enumerable.Range(0, total).Where(i => i % 3 == 0).Count(i => i / 3 % 10 < 3);
    var (messages, envelopes, failures, linked) = (await db.ProvisioningMessages.CountAsync(), await db.ProvisioningEnvelopes.CountAsync(),
        await db.FailureGroups.SumAsync(g => g.Failures), await db.ProvisioningMessages.CountAsync(m => m.EnvelopeId != null));
    var failedMessages = Enumerable.Range(0, total).Count(i => i / 3 % 10 < 3);
    if (messages != total || envelopes != failedRequests || failures != failedRequests || linked != failedMessages)
    {
        throw new InvalidOperationException($"Stored {messages} messages, {envelopes} envelopes, {failures} group failures, {linked} messages linked; "
            + $"expected {total}, {failedRequests}, {failedRequests}, {failedMessages}.");
    }
}

static (string RoutingKey, BasicProperties Properties, byte[] Body) Message(int i)
{
    var request = i / 3;
    var id = $"bench-{request}";
    var headers = new Dictionary<string, object?> { ["soa-version"] = "2.0", ["softfail-count"] = 0 };
    if (i % 3 == 0)
    {
        return ("request.googleapps.user.create", new BasicProperties { MessageId = id, Type = "request", ReplyTo = "exchange", Headers = headers, DeliveryMode = DeliveryModes.Persistent },
            Encoding.UTF8.GetBytes($$"""{"gram_account_uuid":"00000000-0000-4000-8000-{{request:D12}}","primary_email":"user{{request}}@gadz.org","aliases":["a{{request}}@gadz.org"]}"""));
    }

    var failed = request % 10 < 3;
    headers["status-code"] = failed ? 409 : 200;
    headers["error-type"] = failed ? "hardfail" : null;
    headers["error-name"] = failed ? $"BenchError{request % 20}" : null;
    var body = failed
        ? $$$"""{"error_message":"simulated failure {{{request}}}","debug_message":null,"error_data":{"google_id":"{{{request}}}","password_hash":"$2a$10$x"}}"""
        : $$"""{"uuid":"00000000-0000-4000-8000-{{request:D12}}","google_id":"{{request}}"}""";
    return ("reply.googleapps.user.create", new BasicProperties { MessageId = $"{id}-{i % 3}", CorrelationId = id, Type = "reply", Headers = headers, DeliveryMode = DeliveryModes.Persistent },
        Encoding.UTF8.GetBytes(body));
}
