namespace Switchboard.Infrastructure.Messaging;

/// <summary>Where and how a <see cref="RabbitMqConsumer{TMessage}"/> consumes; off while <paramref name="Uri"/> is empty.</summary>
/// <param name="Uri">Holds the password: never logged or shown.</param>
/// <param name="Bindings">What the queue is bound to (exchange, routing key); empty for a queue fed directly.</param>
/// <param name="PrefetchCount">How many unacknowledged messages the broker may hand over at once.</param>
/// <param name="BatchSize">At most this many messages are stored in one commit and acknowledged together.</param>
/// <param name="ClientName">The connection's name on the broker.</param>
public sealed record ConsumerSettings(
    string? Uri, string Queue, IReadOnlyList<(string Exchange, string RoutingKey)> Bindings, ushort PrefetchCount, int BatchSize, string ClientName)
{
    public bool Enabled => !string.IsNullOrWhiteSpace(Uri);
}
