using System.Globalization;
using System.Text.Json;

namespace Switchboard.Domain.Notifications.Rules;

/// <summary>
/// How event values become the strings rules compare: strings as they are; numbers as the sender wrote them
/// (<c>100</c> is "100", <c>1.50</c> is "1.50"); booleans as "true"/"false"; null as no value; lists (such as
/// <c>roles</c>) as their items' strings joined with "," in the order sent; objects as compact JSON.
/// </summary>
public static class RuleText
{
    public static string? Of(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.String => value.GetString(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.Array => string.Join(",", value.EnumerateArray().Select(Of).OfType<string>()),
        _ => JsonSerializer.Serialize(value),
    };

    /// <summary>The values of a JSON object (an event's <c>attributes</c> or <c>eav</c>), or none for null.</summary>
    public static IReadOnlyDictionary<string, string?> OfObject(JsonElement? values) =>
        values is { ValueKind: JsonValueKind.Object } found
            ? found.EnumerateObject().ToDictionary(p => p.Name, p => Of(p.Value), StringComparer.Ordinal)
            : new Dictionary<string, string?>(StringComparer.Ordinal);

    public static string Of(bool value) => value ? "true" : "false";

    public static string Of(long value) => value.ToString(CultureInfo.InvariantCulture);
}
