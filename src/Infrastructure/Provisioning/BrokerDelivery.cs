using System.Globalization;
using System.Text;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using Switchboard.Domain.Provisioning;

namespace Switchboard.Infrastructure.Provisioning;

/// <summary>Turns a RabbitMQ delivery into an <see cref="IncomingSoaMessage"/> (headers as text; the body copied, the broker reuses its buffer).</summary>
internal static class BrokerDelivery
{
    public static IncomingSoaMessage ToMessage(BasicDeliverEventArgs delivery, DateTime receivedAt)
    {
        var p = delivery.BasicProperties;
        var properties = new SoaProperties(p.MessageId, p.CorrelationId, p.ReplyTo, p.Type, p.AppId, p.ContentType, p.ContentEncoding);
        return new IncomingSoaMessage(delivery.RoutingKey, properties, HeadersOf(p.Headers), delivery.Body.ToArray(), receivedAt);
    }

    public static Dictionary<string, string?> HeadersOf(IDictionary<string, object?>? headers)
    {
        var result = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in headers ?? new Dictionary<string, object?>())
        {
            result[key] = value switch
            {
                null => null,
                byte[] bytes => Encoding.UTF8.GetString(bytes),
                AmqpTimestamp time => time.UnixTime.ToString(CultureInfo.InvariantCulture),
                IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
                _ => value.ToString(),
            };
        }

        return result;
    }
}
