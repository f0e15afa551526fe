using System.Globalization;
using System.Text;
using System.Text.Json;
using Switchboard.Domain.Provisioning;

namespace Switchboard.Portal.Features.Provisioning;

/// <summary>
/// Reads <c>POST /api/provisioning/messages</c>: one message or an array of them, each
/// <c>{properties, headers, routingKey, body}</c> as the broker would deliver it. <c>properties</c> use the AMQP names
/// (<c>message_id</c>, <c>correlation_id</c>, <c>reply_to</c>, <c>type</c>, <c>app_id</c>); <c>body</c> is JSON, or a
/// string taken as the raw body (so an unreadable message can be posted too).
/// </summary>
public static class PostedMessageReader
{
    public const int MaxMessages = 1000;

    /// <summary>The most headers one message may carry (the daemon sends a handful).</summary>
    public const int MaxHeaders = 100;

    public static (IReadOnlyList<IncomingSoaMessage> Messages, Dictionary<string, string[]> Errors) Read(JsonElement root, DateTime now)
    {
        var items = root.ValueKind == JsonValueKind.Array ? root.EnumerateArray().ToList() : [root];
        var errors = new Dictionary<string, string[]>();
        if (items.Count is 0 or > MaxMessages)
        {
            errors["body"] = [$"send between 1 and {MaxMessages} messages"];
            return ([], errors);
        }

        var messages = new List<IncomingSoaMessage>();
        for (var i = 0; i < items.Count; i++)
        {
            var prefix = root.ValueKind == JsonValueKind.Array ? $"[{i}]." : "";
            var item = items[i];
            if (item.ValueKind != JsonValueKind.Object)
            {
                errors[$"{prefix.TrimEnd('.')}body"] = ["must be an object with properties, headers, routingKey and body"];
                continue;
            }

            if (!item.TryGetProperty("routingKey", out var key) || key.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(key.GetString()))
            {
                errors[prefix + "routingKey"] = ["is required"];
                continue;
            }

            var properties = item.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object ? p : default;
            var headers = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            if (!ObjectOrAbsent(item, "properties", prefix, errors) | !ObjectOrAbsent(item, "headers", prefix, errors))
            {
                continue;
            }

            if (item.TryGetProperty("headers", out var h) && h.ValueKind == JsonValueKind.Object)
            {
                if (h.EnumerateObject().Count() > MaxHeaders)
                {
                    errors[prefix + "headers"] = [$"holds more than {MaxHeaders} headers"];
                    continue;
                }

                foreach (var header in h.EnumerateObject())
                {
                    headers[header.Name] = header.Value.ValueKind switch
                    {
                        JsonValueKind.Null => null,
                        JsonValueKind.String => header.Value.GetString(),
                        _ => header.Value.GetRawText(),
                    };
                }
            }

            var body = item.TryGetProperty("body", out var b) ? b : default;
            var bytes = body.ValueKind switch
            {
                JsonValueKind.Undefined or JsonValueKind.Null => [],
                JsonValueKind.String => Encoding.UTF8.GetBytes(body.GetString()!),
                _ => Encoding.UTF8.GetBytes(body.GetRawText()),
            };
            messages.Add(new IncomingSoaMessage(key.GetString()!.Trim(), new SoaProperties(
                Text(properties, "message_id"), Text(properties, "correlation_id"), Text(properties, "reply_to"), Text(properties, "type"),
                Text(properties, "app_id"), Text(properties, "content_type"), Text(properties, "content_encoding")), headers, bytes, now));
        }

        return (messages, errors);
    }

    /// <returns>False (with the error recorded) when the member is there but is neither an object nor null.</returns>
    private static bool ObjectOrAbsent(JsonElement item, string name, string prefix, Dictionary<string, string[]> errors)
    {
        if (!item.TryGetProperty(name, out var value) || value.ValueKind is JsonValueKind.Object or JsonValueKind.Null)
        {
            return true;
        }

        errors[prefix + name] = [$"must be a JSON object of names and values, not {value.ValueKind.ToString().ToLowerInvariant()}"];
        return false;
    }

    private static string? Text(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetDecimal().ToString(CultureInfo.InvariantCulture),
                _ => null,
            }
            : null;
}
