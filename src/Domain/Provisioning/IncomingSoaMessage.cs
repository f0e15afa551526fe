namespace Switchboard.Domain.Provisioning;

/// <summary>
/// A message as the broker delivered it (or as posted to the API): AMQP properties, headers as text, and the raw body.
/// </summary>
public sealed record IncomingSoaMessage(
    string RoutingKey,
    SoaProperties Properties,
    IReadOnlyDictionary<string, string?> Headers,
    ReadOnlyMemory<byte> Body,
    DateTime ReceivedAt);

public sealed record SoaProperties(
    string? MessageId = null,
    string? CorrelationId = null,
    string? ReplyTo = null,
    string? Type = null,
    string? AppId = null,
    string? ContentType = null,
    string? ContentEncoding = null);
