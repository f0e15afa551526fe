using System.Collections.Concurrent;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Switchboard.Infrastructure.Messaging;

/// <summary>
/// The one way Switchboard opens a RabbitMQ connection, for the consumers and the publisher alike. The client's own
/// automatic recovery is off: whoever holds the connection notices it closing and opens a new one (the consumers with
/// back-off through <see cref="TimeProvider"/>, <see cref="RabbitMqConsumer{TMessage}"/>), so there is one recovery path
/// that tests can drive.
/// </summary>
public sealed class RabbitMqConnections
{
    private readonly ConcurrentDictionary<(string Uri, string ClientName), ConnectionFactory> _factories = new();

    /// <param name="uri">An <c>amqp://</c> URI; it holds the password, so it is never logged.</param>
    /// <param name="clientName">Shown by the broker's management tools, e.g. <c>switchboard-provisioning-capture</c>.</param>
    public async Task<IConnection> ConnectAsync(string uri, string clientName, CancellationToken cancellationToken)
    {
        var factory = _factories.GetOrAdd((uri, clientName), key => new ConnectionFactory
        {
            Uri = new Uri(key.Uri),
            ClientProvidedName = key.ClientName,
            AutomaticRecoveryEnabled = false,
            TopologyRecoveryEnabled = false,
        });
        return await factory.CreateConnectionAsync(cancellationToken);
    }

    /// <summary>Why a connection failed or closed, in words, without the URI (which holds the password).</summary>
    public static string Describe(Exception ex) => ex switch
    {
        OperationInterruptedException { ShutdownReason: { } reason } => $"{reason.ReplyCode} {reason.ReplyText}",
        BrokerUnreachableException => "the broker cannot be reached",
        AuthenticationFailureException => "the broker refused the user name or password",
        _ => ex.Message,
    };
}
