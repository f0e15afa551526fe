namespace Switchboard.Domain.Provisioning;

/// <summary>The AMQP <c>type</c> of a gorg SOA message (from the routing key's first word when the property is missing).</summary>
public enum MessageKind
{
    Request,
    Reply,
    Log,
    Event,
}
