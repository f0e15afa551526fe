using System.Text.Json;
using System.Text.Json.Nodes;

namespace Switchboard.Domain.Audit;

/// <summary>
/// The before/after difference of a configuration edit, as the JSON the audit trail stores:
/// <c>{"field":{"before":…,"after":…}}</c> with only the fields that changed.
/// </summary>
public static class AuditDiff
{
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

    private static Dictionary<string, JsonNode?> Fields<T>(T? value)
        where T : class =>
        value is null
            ? []
            : JsonSerializer.SerializeToNode(value, Options)!.AsObject().ToDictionary(p => p.Key, p => p.Value);
}
