using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Switchboard.ProvisioningSimulator;

/// <summary>
/// Answers <c>request.googleapps.user.*</c> like the Google-account provisioning daemon (gorg SOA): replies to the
/// request's <c>reply_to</c> exchange with <c>reply.googleapps.user.*</c>, failure logs on the event exchange, softfails
/// retried from a deferred wait with <c>softfail-count</c> on the request, and a copy of every message it receives or
/// sends on the <c>log</c> fanout exchange. Answers are planned per account (primary e-mail, GrAM UUID or Google id);
/// an account without a plan succeeds. 1.0 requests (no <c>soa-version</c> header, an envelope body) are answered in 1.0.
/// </summary>
public sealed class DaemonSimulator : IAsyncDisposable
{
    public const string AppId = "GoogleDirectoryDaemon";
    private readonly ConcurrentDictionary<string, ConcurrentQueue<Answer>> _plans = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentQueue<ReceivedRequest> _received = new();
    private readonly SemaphoreSlim _publishing = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private IConnection _connection = null!;
    private IChannel _consumer = null!;
    private IChannel _publisher = null!;

    private DaemonSimulator(string eventExchange, string logExchange, TimeSpan deferral)
    {
        EventExchange = eventExchange;
        LogExchange = logExchange;
        Deferral = deferral;
    }

    public string EventExchange { get; }
    public string LogExchange { get; }

    /// <summary>How long a softfailed request waits before it comes back (the daemon's default is 30 minutes).</summary>
    public TimeSpan Deferral { get; }

    public IReadOnlyList<ReceivedRequest> Received => [.. _received];

    public static async Task<DaemonSimulator> StartAsync(string amqpUri, TimeSpan? deferral = null, string eventExchange = "exchange", string logExchange = "log")
    {
        var simulator = new DaemonSimulator(eventExchange, logExchange, deferral ?? TimeSpan.FromMilliseconds(200));
        var factory = new ConnectionFactory { Uri = new Uri(amqpUri), ClientProvidedName = "provisioning-daemon-simulator" };
        simulator._connection = await factory.CreateConnectionAsync();
        simulator._publisher = await simulator._connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        simulator._consumer = await simulator._connection.CreateChannelAsync();
        await DeclareTopologyAsync(simulator._consumer, eventExchange, logExchange);
        await simulator._consumer.QueueDeclareAsync("googleapps.daemon", durable: true, exclusive: false, autoDelete: false);
        await simulator._consumer.QueueBindAsync("googleapps.daemon", eventExchange, "request.googleapps.user.*");
        var consumer = new AsyncEventingBasicConsumer(simulator._consumer);
        consumer.ReceivedAsync += async (_, delivery) =>
        {
            await simulator.HandleAsync(delivery);
            await simulator._consumer.BasicAckAsync(delivery.DeliveryTag, multiple: false);
        };
        await simulator._consumer.BasicConsumeAsync("googleapps.daemon", autoAck: false, consumer);
        return simulator;
    }

    /// <summary>The exchanges of the daemon family: the topic event exchange and the <c>log</c> fanout.</summary>
    public static async Task DeclareTopologyAsync(IChannel channel, string eventExchange = "exchange", string logExchange = "log")
    {
        await channel.ExchangeDeclareAsync(eventExchange, ExchangeType.Topic, durable: true);
        await channel.ExchangeDeclareAsync(logExchange, ExchangeType.Fanout, durable: true);
    }

    /// <summary>The next deliveries of requests for this account get these answers, in order; then success.</summary>
    public void Plan(string account, params Answer[] answers)
    {
        var queue = _plans.GetOrAdd(account, _ => new ConcurrentQueue<Answer>());
        foreach (var answer in answers)
        {
            queue.Enqueue(answer);
        }
    }

    /// <summary>Publishes a request the way a producer (GrAM) would, on the event exchange.</summary>
    public async Task<string> SendRequestAsync(string action, string body, int version = 2, string? messageId = null)
    {
        messageId ??= Guid.NewGuid().ToString();
        var headers = new Dictionary<string, object?>();
        var bytes = Encoding.UTF8.GetBytes(body);
        if (version == 2)
        {
            headers["soa-version"] = "2.0";
            headers["softfail-count"] = 0;
        }
        else
        {
            bytes = Encoding.UTF8.GetBytes(new JsonObject
            {
                ["event_uuid"] = messageId,
                ["event_name"] = $"request.googleapps.user.{action}",
                ["event_creation_time"] = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
                ["event_sender_id"] = "gram",
                ["data"] = JsonNode.Parse(body),
            }.ToJsonString());
        }

        await PublishAsync(EventExchange, $"request.googleapps.user.{action}", new BasicProperties
        {
            MessageId = messageId,
            ReplyTo = EventExchange,
            Type = "request",
            AppId = "gram",
            Headers = headers,
            DeliveryMode = DeliveryModes.Persistent,
        }, bytes, copyToLog: false);
        return messageId;
    }

    private async Task HandleAsync(BasicDeliverEventArgs delivery)
    {
        var properties = new BasicProperties(delivery.BasicProperties);
        var body = delivery.Body.ToArray();
        var headers = HeadersOf(properties.Headers);
        var text = Encoding.UTF8.GetString(body);
        _received.Enqueue(new ReceivedRequest(delivery.RoutingKey, properties.MessageId, properties.ReplyTo, headers, text));
        await PublishAsync(LogExchange, delivery.RoutingKey, properties, body, copyToLog: false);

        var version1 = headers.GetValueOrDefault("soa-version") is not "2.0";
        JsonObject? data;
        try
        {
            var parsed = JsonNode.Parse(text) as JsonObject;
            data = version1 ? parsed?["data"] as JsonObject : parsed;
        }
        catch (JsonException)
        {
            data = null;
        }

        var answer = data is null
            ? Answer.Hardfail(422, "InvalidPayload", "The message is not valid JSON")
            : _plans.TryGetValue(AccountOf(data), out var plan) && plan.TryDequeue(out var planned) ? planned : Answer.Success;
        var requestId = properties.MessageId ?? (version1 ? data?["event_uuid"]?.GetValue<string>() : null);
        if (version1)
        {
            await AnswerVersion1Async(delivery.RoutingKey, text, answer);
            return;
        }

        var action = delivery.RoutingKey["request.googleapps.user.".Length..];
        var softfails = int.TryParse(headers.GetValueOrDefault("softfail-count"), CultureInfo.InvariantCulture, out var count) ? count : 0;
        switch (answer.Kind)
        {
            case AnswerKind.Success:
                await ReplyAsync(properties, action, requestId, 200, null, null,
                    new JsonObject { ["uuid"] = data!["gram_account_uuid"]?.DeepClone(), ["google_id"] = "271828182845904523536" }.ToJsonString());
                break;
            case AnswerKind.Hardfail:
                var failure = FailureBody(answer);
                await ReplyAsync(properties, action, requestId, answer.Status, "hardfail", answer.ErrorName, failure);
                await LogAsync(action, requestId, answer.Status, "hardfail", answer.ErrorName, null, body: null);
                break;
            case AnswerKind.Softfail:
                var wait = answer.RetryAfter ?? Deferral;
                await LogAsync(action, requestId, answer.Status, "softfail", answer.ErrorName, (int)wait.TotalMilliseconds, FailureBody(answer));
                _ = RequeueLaterAsync(delivery.RoutingKey, properties, body, softfails + 1, wait);
                break;
            case AnswerKind.GiveUp:
                await LogAsync(action, requestId, answer.Status, "hardfail", answer.ErrorName, null, body: null);
                break;
        }
    }

    private async Task AnswerVersion1Async(string routingKey, string text, Answer answer)
    {
        var envelope = (JsonObject)JsonNode.Parse(text)!;
        if (answer.Kind == AnswerKind.Success)
        {
            envelope["event_name"] = "reply" + routingKey["request".Length..];
            envelope["event_uuid"] = Guid.NewGuid().ToString();
            await PublishAsync(EventExchange, (string)envelope["event_name"]!, new BasicProperties { Type = "reply", AppId = AppId }, Encoding.UTF8.GetBytes(envelope.ToJsonString()), copyToLog: true);
            return;
        }

        var errors = envelope["errors"] as JsonArray ?? [];
        errors.Add(new JsonObject
        {
            ["error_type"] = answer.Kind == AnswerKind.Softfail ? "softerror" : "harderror",
            ["error_sender"] = AppId,
            ["error_code"] = answer.ErrorName ?? answer.Status.ToString(CultureInfo.InvariantCulture),
            ["error_uuid"] = Guid.NewGuid().ToString(),
            ["error_message"] = answer.Message,
            ["timestamp"] = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        });
        envelope["errors"] = errors;
        envelope["errors_count"] = errors.Count;
        await PublishAsync(EventExchange, "log.error", new BasicProperties { Type = "log", AppId = AppId }, Encoding.UTF8.GetBytes(envelope.ToJsonString()), copyToLog: true);
    }

    private async Task RequeueLaterAsync(string routingKey, BasicProperties properties, byte[] body, int softfails, TimeSpan wait)
    {
        try
        {
            await Task.Delay(wait, _stopping.Token);
            var headers = new Dictionary<string, object?>(properties.Headers ?? new Dictionary<string, object?>()) { ["softfail-count"] = softfails };
            var again = new BasicProperties(properties) { Headers = headers };
            await PublishAsync(EventExchange, routingKey, again, body, copyToLog: false);
        }
        catch (OperationCanceledException)
        {
            // Stopped: the request is lost with the simulated daemon, as with a real deferred queue being deleted.
        }
    }

    private Task ReplyAsync(BasicProperties request, string action, string? requestId, int status, string? errorType, string? errorName, string body) =>
        PublishAsync(request.ReplyTo ?? EventExchange, $"reply.googleapps.user.{action}", new BasicProperties
        {
            MessageId = Guid.NewGuid().ToString(),
            CorrelationId = requestId,
            Type = "reply",
            AppId = AppId,
            DeliveryMode = DeliveryModes.Persistent,
            Headers = SoaHeaders(status, errorType, errorName, null),
        }, Encoding.UTF8.GetBytes(body), copyToLog: true);

    private Task LogAsync(string action, string? requestId, int status, string errorType, string? errorName, int? nextTryIn, string? body) =>
        PublishAsync(EventExchange, $"log.googleapps.user.{action}", new BasicProperties
        {
            MessageId = Guid.NewGuid().ToString(),
            CorrelationId = requestId,
            Type = "log",
            AppId = AppId,
            DeliveryMode = DeliveryModes.Persistent,
            Headers = SoaHeaders(status, errorType, errorName, nextTryIn),
        }, body is null ? [] : Encoding.UTF8.GetBytes(body), copyToLog: true);

    private static Dictionary<string, object?> SoaHeaders(int status, string? errorType, string? errorName, int? nextTryIn) => new()
    {
        ["soa-version"] = "2.0",
        ["status-code"] = status,
        ["error-type"] = errorType,
        ["error-name"] = errorName,
        ["next-try-in"] = nextTryIn,
        ["softfail-count"] = 0,
    };

    private static string FailureBody(Answer answer) => new JsonObject
    {
        ["error_message"] = answer.Message,
        ["debug_message"] = answer.Debug is null ? null : JsonNode.Parse(answer.Debug),
        ["error_data"] = answer.ErrorData is null ? null : JsonNode.Parse(answer.ErrorData),
    }.ToJsonString();

    private async Task PublishAsync(string exchange, string routingKey, BasicProperties properties, byte[] body, bool copyToLog)
    {
        await _publishing.WaitAsync();
        try
        {
            await _publisher.BasicPublishAsync(exchange, routingKey, mandatory: false, properties, body);
            if (copyToLog && exchange != LogExchange)
            {
                await _publisher.BasicPublishAsync(LogExchange, routingKey, mandatory: false, properties, body);
            }
        }
        finally
        {
            _publishing.Release();
        }
    }

    private static string AccountOf(JsonObject data) =>
        (data["primary_email"] ?? data["gram_account_uuid"] ?? data["google_account_key"])?.ToString() ?? "";

    private static Dictionary<string, string?> HeadersOf(IDictionary<string, object?>? headers) =>
        (headers ?? new Dictionary<string, object?>()).ToDictionary(h => h.Key, h => h.Value switch
        {
            null => null,
            byte[] bytes => Encoding.UTF8.GetString(bytes),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            var other => other.ToString(),
        }, StringComparer.OrdinalIgnoreCase);

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _consumer.DisposeAsync();
        await _publisher.DisposeAsync();
        await _connection.DisposeAsync();
        _stopping.Dispose();
        _publishing.Dispose();
    }
}
