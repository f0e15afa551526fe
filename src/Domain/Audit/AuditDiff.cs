using System.Text.Json;
using System.Text.Json.Nodes;

namespace Switchboard.Domain.Audit;

/// <summary>
/// The before/after difference of a configuration edit, as the JSON the audit trail stores:
/// <c>{"field":{"before":…,"after":…}}</c> with only the fields that changed; and the same read back as a person reads it.
/// </summary>
public static class AuditDiff
{
    /// <summary>Values longer than this are cut in <see cref="Describe"/>; the stored JSON keeps them whole.</summary>
    public const int ValueShownLength = 80;

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Between<T>(T? before, T? after)
        where T : class
    {
        var beforeFields = Fields(before);
        var afterFields = Fields(after);
        var diff = new JsonObject();
        foreach (var name in beforeFields.Keys.Union(afterFields.Keys).Order(StringComparer.Ordinal))
        {
            var was = beforeFields.GetValueOrDefault(name);
            var now = afterFields.GetValueOrDefault(name);
            if (!JsonNode.DeepEquals(was, now))
            {
                diff[name] = new JsonObject { ["before"] = was?.DeepClone(), ["after"] = now?.DeepClone() };
            }
        }

        return diff.ToJsonString();
    }

    /// <summary>
    /// Stored details as sentences — "changed State from VALID to LEFT", "set Email to a@b.cz", "cleared Manager (was anna)" — one per field,
    /// or null when the details are not a difference written by <see cref="Between"/> (free text, other JSON).
    /// </summary>
    public static IReadOnlyList<string>? Describe(string? details)
    {
        if (details is not { Length: > 1 } || details[0] != '{')
        {
            return null;
        }

        JsonObject diff;
        try
        {
            diff = JsonNode.Parse(details) as JsonObject ?? throw new JsonException();
        }
        catch (JsonException)
        {
            return null;
        }

        var lines = new List<string>();
        foreach (var (name, change) in diff)
        {
            if (change is not JsonObject { Count: 2 } pair || !pair.ContainsKey("before") || !pair.ContainsKey("after"))
            {
                return null;
            }

            var (was, now) = (Shown(pair["before"]), Shown(pair["after"]));
            var field = name.Length == 0 ? name : char.ToUpperInvariant(name[0]) + name[1..];
            lines.Add((was, now) switch
            {
                (null, null) => $"changed {field}",
                (null, _) => $"set {field} to {now}",
                (_, null) => $"cleared {field} (was {was})",
                _ => $"changed {field} from {was} to {now}",
            });
        }

        return lines.Count == 0 ? null : lines;
    }

    /// <summary>A value as text: strings as they are, the rest as compact JSON; empty strings and arrays count as no value.</summary>
    private static string? Shown(JsonNode? value)
    {
        var text = value switch
        {
            null => null,
            JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
            JsonArray { Count: 0 } => null,
            _ => value.ToJsonString(),
        };
        return text switch
        {
            null or "" => null,
            { Length: > ValueShownLength } => text[..ValueShownLength] + "…",
            _ => text,
        };
    }

    private static Dictionary<string, JsonNode?> Fields<T>(T? value)
        where T : class =>
        value is null
            ? []
            : JsonSerializer.SerializeToNode(value, Options)!.AsObject().ToDictionary(p => p.Key, p => p.Value);
}
