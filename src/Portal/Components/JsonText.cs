using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Switchboard.Portal.Components;

/// <summary>Stored JSON made readable: indented, and an object's fields as rows.</summary>
public static class JsonText
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Pretty(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return "";
        }

        try
        {
            return JsonNode.Parse(json)?.ToJsonString(Indented) ?? "null";
        }
        catch (JsonException)
        {
            return json;
        }
    }

    /// <summary>An object's fields (strings unquoted, a list of strings one per line, anything else as compact JSON); a non-object is one row named "value". For display only: the page encodes it.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Fields(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return [];
        }

        try
        {
            return JsonNode.Parse(json) switch
            {
                JsonObject obj => obj.Select(p => new KeyValuePair<string, string>(p.Key, Show(p.Value))).ToList(),
                var other => [new("value", Show(other))],
            };
        }
        catch (JsonException)
        {
            return [new("value", json)];
        }
    }

    private static string Show(JsonNode? node) => node switch
    {
        null => "null",
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        JsonArray array when array.All(i => i is JsonValue v && v.TryGetValue<string>(out _)) => string.Join("\n", array.Select(i => i!.GetValue<string>())),
        _ => node.ToJsonString(Compact),
    };
}
