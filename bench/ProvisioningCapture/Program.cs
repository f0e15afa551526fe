// Capture throughput: N provisioning messages (a third requests, the rest replies: 70% success, 30% hardfail over
// 20 error names) waiting on RabbitMQ, taken by (1) a plain consumer that acknowledges without storing and (2) the
// portal's capture (read, scrub, store in SQLite, acknowledge after commit), in the same run against the same broker.
// Run: bench/ProvisioningCapture/run.sh [messages]   (starts a throw-away RabbitMQ node on loopback)
//  or: dotnet run -c Release --project bench/ProvisioningCapture -- <amqp-uri> [messages]
using System.Diagnostics;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using Switchboard.Infrastructure.Messaging;
using Switchboard.Infrastructure.Provisioning;

var uri = args[0];
var total = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 150_000;
const string PlainQueue = "bench.plain";
const string CaptureQueue = "switchboard.provisioning";
var folder = Path.Combine(Path.GetTempPath(), $"switchboard-bench-capture-{Guid.NewGuid():N}");

await using var connection = await new ConnectionFactory { Uri = new Uri(uri) }.CreateConnectionAsync();
await using (var setup = await connection.CreateChannelAsync())
{
    await setup.ExchangeDeclareAsync("log", ExchangeType.Fanout, durable: true);
    foreach (var queue in new[] { PlainQueue, CaptureQueue })
    {
        await setup.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);
        await setup.QueueBindAsync(queue, "log", "#");
        await setup.QueuePurgeAsync(queue);
    }
}

Console.WriteLine($"Publishing {total:N0} messages (copies to both queues)…");
await using (var publisher = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true)))
{
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

// 1. Plain consumer: same prefetch and batch acknowledgements as the capture, nothing stored.
var plain = Stopwatch.StartNew();
await using (var channel = await connection.CreateChannelAsync())
{
    await channel.BasicQosAsync(0, 2000, false);
    var received = 0;
    var done = new TaskCompletionSource();
    var consumer = new AsyncEventingBasicConsumer(channel);
    consumer.ReceivedAsync += async (_, delivery) =>
    {
        received++;
        if (received % 500 == 0 || received == total)
        {
            await channel.BasicAckAsync(delivery.DeliveryTag, multiple: true);
        }

        if (received == total)
        {
            done.TrySetResult();
        }
    };
    await channel.BasicConsumeAsync(PlainQueue, autoAck: false, consumer);
    await done.Task;
}

plain.Stop();

// 2. The portal's capture, started on a full queue.
Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_SWITCHBOARD_PORTAL", Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../src/Portal")));
await using var portal = new WebApplicationFactory<Switchboard.Portal.Features.Provisioning.ProvisioningService>().WithWebHostBuilder(b => b
    .UseEnvironment("Development")
    .UseSetting("Database:DataFolder", folder)
    .UseSetting("DemoData:Enabled", "false")
    .UseSetting("Provisioning:RabbitMq:Uri", uri)
    .UseSetting("Logging:LogLevel:Default", "Warning"));
var status = portal.Services.GetRequiredService<CaptureStatus>();
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
var plainRate = total / plain.Elapsed.TotalSeconds;
var captureRate = total / capture.Elapsed.TotalSeconds;
Console.WriteLine($"Plain consumer (ack only):  {total:N0} in {plain.Elapsed.TotalSeconds:F2} s = {plainRate:N0} msg/s");
Console.WriteLine($"Switchboard capture:        {total:N0} in {capture.Elapsed.TotalSeconds:F2} s = {captureRate:N0} msg/s ({status.Stored:N0} stored)");
Console.WriteLine($"Capture / plain:            {captureRate / plainRate:P0}");
await portal.DisposeAsync();
Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
Directory.Delete(folder, recursive: true);

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
