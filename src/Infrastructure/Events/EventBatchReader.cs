using System.Globalization;
using System.Text.Json;
using Switchboard.Domain.Events;

namespace Switchboard.Infrastructure.Events;

/// <summary>
/// Reads the body of <c>POST /api/events</c> (one event or an array of them) and reports every bad field of every
/// item, keyed <c>items[i].field</c>, so that the sender can fix the whole batch at once.
/// </summary>
public static class EventBatchReader
{
    public const int MaxEvents = 1000;

    public static (IReadOnlyList<IncomingEvent> Events, Dictionary<string, string[]> Errors) Read(JsonElement root)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var items = root.ValueKind switch
        {
            JsonValueKind.Object => [root],
            JsonValueKind.Array => root.EnumerateArray().ToList(),
            _ => null,
        };
        if (items is null)
        {
            errors["body"] = ["must be one event object or an array of events"];
            return ([], errors);
        }

        if (items.Count > MaxEvents)
        {
            errors["body"] = [$"holds {items.Count} events; at most {MaxEvents} per request"];
            return ([], errors);
        }

        var events = new List<IncomingEvent>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var problems = new Dictionary<string, string>(StringComparer.Ordinal);
            if (item.ValueKind != JsonValueKind.Object)
            {
                errors[$"items[{i}]"] = ["must be an object"];
                continue;
            }

            var id = Text(item, "id", problems, required: true, EntityEvent.EventIdMaxLength);
            var entityType = OneOf(item, "entityType", EntityTypes.All, problems);
            var eventType = OneOf(item, "eventType", EventTypes.All, problems);
            var entityId = Text(item, "entityId", problems, required: true, EntityEvent.NameMaxLength);
            var identity = Text(item, "identity", problems, required: true, EntityEvent.NameMaxLength);
            var system = Text(item, "system", problems, required: false, EntityEvent.NameMaxLength);
            var occurredAt = Time(item, "occurredAt", problems);
            var before = State(item, "before", problems);
            var after = State(item, "after", problems);
            foreach (var (field, message) in problems)
            {
                errors[$"items[{i}].{field}"] = [message];
            }

            if (problems.Count == 0)
            {
                events.Add(new IncomingEvent(id!, entityType!, eventType!, entityId!, identity!, system, occurredAt, before, after));
            }
        }

        return (events, errors);
    }

    private static string? Text(JsonElement item, string name, Dictionary<string, string> problems, bool required, int maxLength)
    {
        if (!item.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                problems[name] = "is required";
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            problems[name] = $"must be a string, not {value.ValueKind.ToString().ToLowerInvariant()}";
            return null;
        }

        var text = value.GetString()!.Trim();
        if (required && text.Length == 0)
        {
            problems[name] = "is required";
        }
        else if (text.Length > maxLength)
        {
            problems[name] = $"is longer than {maxLength} characters";
        }

        return text;
    }

    private static string? OneOf(JsonElement item, string name, IReadOnlyList<string> allowed, Dictionary<string, string> problems)
    {
        var text = Text(item, name, problems, required: true, 50);
        if (text is { Length: > 0 } && !allowed.Contains(text, StringComparer.Ordinal))
        {
            problems[name] = $"'{text}' is not one of {string.Join(", ", allowed)}";
        }

        return text;
    }

    private static DateTime? Time(JsonElement item, string name, Dictionary<string, string> problems)
    {
        var text = Text(item, name, problems, required: false, 40);
        if (text is null)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return parsed.UtcDateTime;
        }

        problems[name] = $"'{text}' is not an ISO 8601 time";
        return null;
    }

    /// <summary>A before/after state: an object whose optional <c>attributes</c> and <c>eav</c> are objects.</summary>
    private static string? State(JsonElement item, string name, Dictionary<string, string> problems)
    {
        if (!item.TryGetProperty(name, out var state) || state.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (state.ValueKind != JsonValueKind.Object)
        {
            problems[name] = "must be an object with 'attributes' and 'eav'";
            return null;
        }

        foreach (var part in new[] { "attributes", "eav" })
        {
            if (state.TryGetProperty(part, out var value) && value.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null))
            {
                problems[$"{name}.{part}"] = "must be an object";
            }
        }

        return state.GetRawText();
    }
}
