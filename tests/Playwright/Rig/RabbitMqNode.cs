using System.Globalization;
using System.Text;
using RabbitMQ.Client;

namespace Switchboard.BrowserTests.Rig;

/// <summary>A RabbitMQ node (Debian's <c>rabbitmq-server</c>, installed by ./test.sh) of the browser tests' own: loopback only, its data in the rig's folder.</summary>
internal static class RabbitMqNode
{
    private const string ServerScript = "/usr/lib/rabbitmq/bin/rabbitmq-server";
    private static readonly Dictionary<ChildProcess, int> Ports = [];

    public static async Task<ChildProcess> StartAsync(string folder, int port, int distributionPort)
    {
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "enabled_plugins"), "[].");
        await File.WriteAllTextAsync(Path.Combine(folder, "rabbitmq.conf"), "");
        var node = await ChildProcess.StartAsync("RabbitMQ", ServerScript, [], folder, new Dictionary<string, string>
        {
            ["HOME"] = folder,
            ["RABBITMQ_NODENAME"] = $"switchboard-e2e-{port}@localhost",
            ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_NODE_PORT"] = port.ToString(CultureInfo.InvariantCulture),
            ["RABBITMQ_DIST_PORT"] = distributionPort.ToString(CultureInfo.InvariantCulture),
            ["RABBITMQ_MNESIA_BASE"] = Path.Combine(folder, "mnesia"),
            ["RABBITMQ_LOG_BASE"] = Path.Combine(folder, "log"),
            ["RABBITMQ_CONFIG_FILE"] = Path.Combine(folder, "rabbitmq"),
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(folder, "enabled_plugins"),
            ["RABBITMQ_PID_FILE"] = Path.Combine(folder, "pid"),
            ["ERL_EPMD_ADDRESS"] = "127.0.0.1",
        }, "Starting broker... completed", TimeSpan.FromSeconds(120));
        Ports[node] = port;
        return node;
    }

    public static string UriOf(ChildProcess node) => $"amqp://guest:guest@127.0.0.1:{Ports[node]}/";

    /// <summary>Publishes a provisioning request as a producer (GrAM) would: SOA 2.0 on the daemon's event exchange.</summary>
    public static async Task<string> SendRequestAsync(string amqpUri, string action, string body)
    {
        var messageId = Guid.NewGuid().ToString();
        await using var connection = await new ConnectionFactory { Uri = new Uri(amqpUri) }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        await channel.BasicPublishAsync("exchange", $"request.googleapps.user.{action}", mandatory: false, new BasicProperties
        {
            MessageId = messageId,
            ReplyTo = "exchange",
            Type = "request",
            AppId = "gram",
            DeliveryMode = DeliveryModes.Persistent,
            Headers = new Dictionary<string, object?> { ["soa-version"] = "2.0", ["softfail-count"] = 0 },
        }, Encoding.UTF8.GetBytes(body));
        return messageId;
    }

    /// <summary>
    /// Publishes a hardfail reply (409) to the <c>log</c> fanout for a request Switchboard never saw, as the daemon's
    /// copy would arrive: the capture turns it into an envelope of this account without going through the simulator.
    /// </summary>
    public static async Task PublishFailureReplyAsync(string amqpUri, string account)
    {
        await using var connection = await new ConnectionFactory { Uri = new Uri(amqpUri) }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        await channel.BasicPublishAsync("log", "reply.googleapps.user.create", mandatory: false, new BasicProperties
        {
            MessageId = Guid.NewGuid().ToString(),
            CorrelationId = Guid.NewGuid().ToString(),
            Type = "reply",
            AppId = "googleapps-daemon",
            DeliveryMode = DeliveryModes.Persistent,
            Headers = new Dictionary<string, object?>
            {
                ["soa-version"] = "2.0",
                ["status-code"] = 409,
                ["error-type"] = "hardfail",
                ["error-name"] = "GoogleAccountAlreadyExists",
                ["softfail-count"] = 0,
            },
        }, Encoding.UTF8.GetBytes($$$"""{"error_message":"taken (published by a test)","error_data":{"primary_email":"{{{account}}}"}}"""));
    }
}
