using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Switchboard.Infrastructure.Notifications;

/// <summary>
/// A quick look at an event's stored states, without building them: does the change touch one of these attributes
/// (<c>name</c> standard, <c>EAV:name</c> extended)? Judged on the raw JSON values, so it errs one way only: equal text
/// is no change, and anything else (a value that differs, is missing on one side, is an object or does not read) counts
/// as a change for the evaluator to decide. The backtest skips the rest of the events with it.
/// </summary>
public static class WatchedChange
{
    public static bool Any(string? before, string? after, IEnumerable<string> attributes)
    {
        foreach (var attribute in attributes)
        {
            var (was, now) = (Raw(before, attribute), Raw(after, attribute));
            if (was is null || now is null || !string.Equals(was, now, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private const string Missing = "\u0000missing";

    /// <returns>The value's token kind and raw text, <see cref="Missing"/> when absent, or null when it is an object, an array or unreadable.</returns>
    private static string? Raw(string? json, string attribute)
    {
        if (json is null)
        {
            return Missing;
        }

        var (section, name) = attribute.StartsWith("EAV:", StringComparison.Ordinal) ? ("eav", attribute[4..]) : ("attributes", attribute);
        var buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(json.Length));
        try
        {
            var reader = new Utf8JsonReader(buffer.AsSpan(0, Encoding.UTF8.GetBytes(json, buffer)));
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var inSection = reader.ValueTextEquals(section);
                reader.Read();
                if (!inSection || reader.TokenType != JsonTokenType.StartObject)
                {
                    reader.Skip();
                    continue;
                }

                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var found = reader.ValueTextEquals(name);
                    reader.Read();
                    if (found)
                    {
                        return reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray
                            ? null
                            : $"{(int)reader.TokenType}:{Encoding.UTF8.GetString(reader.ValueSpan)}";
                    }

                    reader.Skip();
                }

                return Missing;
            }

            return Missing;
        }
        catch (JsonException)
        {
            return null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
