using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Switchboard.Infrastructure.Notifications;

/// <summary>
/// A quick look at an event's stored states, without building them: does the change touch one of these attributes
/// (<c>name</c> standard, <c>EAV:name</c> extended)? Judged on the raw JSON values, so it errs one way only: equal text
/// of the same kind is no change, and anything else (a value that differs, is missing on one side, is an object or an
/// array, or JSON that does not read) counts as a change for the evaluator to decide. The backtest skips the rest of
/// the events with it. Made once per run (the names are encoded once); safe to share between threads.
/// </summary>
public sealed class WatchedChange
{
    private readonly (bool Eav, byte[] Name)[] _attributes;

    public WatchedChange(IEnumerable<string> attributes) =>
        _attributes = attributes.Select(a => a.StartsWith("EAV:", StringComparison.Ordinal)
            ? (true, Encoding.UTF8.GetBytes(a[4..]))
            : (false, Encoding.UTF8.GetBytes(a))).ToArray();

    public bool Any(string? before, string? after)
    {
        if (_attributes.Length == 0)
        {
            return false;
        }

        var (beforeBytes, beforeLength) = Encode(before);
        var (afterBytes, afterLength) = Encode(after);
        try
        {
            Span<Found> was = stackalloc Found[_attributes.Length];
            Span<Found> now = stackalloc Found[_attributes.Length];
            if (!Read(beforeBytes.AsSpan(0, beforeLength), before is null, was) || !Read(afterBytes.AsSpan(0, afterLength), after is null, now))
            {
                return true;
            }

            for (var i = 0; i < _attributes.Length; i++)
            {
                if (was[i].Kind != now[i].Kind || was[i].Kind == Kind.Complex
                    || !beforeBytes.AsSpan(was[i].Start, was[i].Length).SequenceEqual(afterBytes.AsSpan(now[i].Start, now[i].Length)))
                {
                    return true;
                }
            }

            return false;
        }
        finally
        {
            Return(beforeBytes);
            Return(afterBytes);
        }
    }

    private enum Kind : byte
    {
        Missing,
        String,
        Number,
        True,
        False,
        Null,
        Complex,
    }

    private record struct Found(Kind Kind, int Start, int Length);

    private static (byte[]? Buffer, int Length) Encode(string? json)
    {
        if (json is null)
        {
            return (null, 0);
        }

        var buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(json.Length));
        return (buffer, Encoding.UTF8.GetBytes(json, buffer));
    }

    private static void Return(byte[]? buffer)
    {
        if (buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <returns>False when the JSON does not read as an object.</returns>
    private bool Read(ReadOnlySpan<byte> json, bool absent, Span<Found> found)
    {
        found.Clear(); // every attribute Missing
        if (absent)
        {
            return true;
        }

        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var attributes = reader.ValueTextEquals("attributes"u8);
                var eav = !attributes && reader.ValueTextEquals("eav"u8);
                reader.Read();
                if (!(attributes || eav) || reader.TokenType != JsonTokenType.StartObject)
                {
                    reader.Skip();
                    continue;
                }

                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var match = -1;
                    for (var i = 0; i < _attributes.Length && match < 0; i++)
                    {
                        if (_attributes[i].Eav == eav && reader.ValueTextEquals(_attributes[i].Name))
                        {
                            match = i;
                        }
                    }

                    reader.Read();
                    if (match >= 0)
                    {
                        found[match] = reader.TokenType switch
                        {
                            JsonTokenType.String => new Found(Kind.String, (int)reader.TokenStartIndex, (int)(reader.BytesConsumed - reader.TokenStartIndex)),
                            JsonTokenType.Number => new Found(Kind.Number, (int)reader.TokenStartIndex, (int)(reader.BytesConsumed - reader.TokenStartIndex)),
                            JsonTokenType.True => new Found(Kind.True, 0, 0),
                            JsonTokenType.False => new Found(Kind.False, 0, 0),
                            JsonTokenType.Null => new Found(Kind.Null, 0, 0),
                            _ => new Found(Kind.Complex, 0, 0),
                        };
                    }

                    reader.Skip();
                }
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
