namespace Switchboard.Domain.ChatOps;

/// <summary>
/// Finds which trigger word a Mattermost message starts with and what the person asked for after it. The matched word
/// is removed whole, whatever its length (the original script cut a fixed three characters).
/// </summary>
public static class TriggerWords
{
    /// <returns>The trigger word that matched (longest first), or null, and the request text without it, trimmed.</returns>
    public static (string? Trigger, string Remainder) Strip(string? text, IEnumerable<string> triggers)
    {
        var message = (text ?? "").Trim();
        foreach (var trigger in triggers.Where(t => t.Length > 0).OrderByDescending(t => t.Length))
        {
            if (message.StartsWith(trigger, StringComparison.OrdinalIgnoreCase)
                && (message.Length == trigger.Length || char.IsWhiteSpace(message[trigger.Length]) || !char.IsLetterOrDigit(trigger[^1])))
            {
                return (trigger, message[trigger.Length..].Trim());
            }
        }

        return (null, message);
    }

    /// <summary>Trigger words from a form field: separated by commas, spaces or new lines.</summary>
    public static IReadOnlyList<string> Parse(string? text) =>
        (text ?? "").Split([',', ' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
}
