using System.Globalization;

namespace Switchboard.Domain.Text;

/// <summary>
/// A count with its noun in the right number, for every count a person reads: "1 person", "2 people", "1,204 envelopes".
/// </summary>
public static class Plural
{
    /// <summary>The count (with thousands separators) and the noun: <c>Of(1, "envelope")</c> is "1 envelope".</summary>
    /// <param name="many">The plural when it is not the singular plus "s" (e.g. "people", "replies").</param>
    public static string Of(long count, string one, string? many = null) =>
        $"{count.ToString("N0", CultureInfo.InvariantCulture)} {Noun(count, one, many)}";

    /// <summary>Only the noun, for texts that show the count elsewhere: <c>Noun(2, "call")</c> is "calls".</summary>
    public static string Noun(long count, string one, string? many = null) =>
        count is 1 or -1 ? one : many ?? one + "s";
}
