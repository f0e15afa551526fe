using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Switchboard.Domain.Provisioning;

/// <summary>
/// Replaces the values of secret keys with <c>"***"</c>, at any depth, before anything is stored. A key is secret when it
/// contains one of the patterns, compared without case and without separators: the pattern <c>api key</c> matches
/// <c>apiKey</c>, <c>X-Api-Key</c> and <c>api_key</c>; <c>token</c> matches <c>access_token</c> and <c>x-token</c>.
/// </summary>
public sealed partial class SecretScrubber
{
    public const string Mask = "***";

    /// <summary>The patterns used when none are configured.</summary>
    public static readonly IReadOnlyList<string> DefaultPatterns = ["password", "passwd", "pwd", "secret", "token", "credential", "api key", "private key"];

    private readonly string[] _patterns;

    /// <param name="patterns">Parts of key names (any case, any separator); blank ones are ignored.</param>
    public SecretScrubber(IEnumerable<string> patterns)
    {
        _patterns = patterns.Select(Normalize).Where(p => p.Length > 0).Distinct(StringComparer.Ordinal).ToArray();
    }

    /// <summary>Whether a value stored under this key is a secret.</summary>
    public bool IsSecret(string key)
    {
        if (_patterns.Length == 0)
        {
            return false;
        }

        var name = Normalize(key);
        return _patterns.Any(p => name.Contains(p, StringComparison.Ordinal));
    }

    /// <returns>Whether anything was replaced.</returns>
    public bool Scrub(JsonNode? node)
    {
        var scrubbed = false;
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Select(p => p.Key).ToList())
                {
                    if (IsSecret(key))
                    {
                        obj[key] = Mask;
                        scrubbed = true;
                    }
                    else
                    {
                        scrubbed |= Scrub(obj[key]);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    scrubbed |= Scrub(item);
                }

                break;
        }

        return scrubbed;
    }

    /// <summary>For text that is not valid JSON (an unreadable message): masks <c>"password": …</c> and <c>password=…</c> pairs found in it.</summary>
    public (string Text, bool Scrubbed) ScrubText(string text)
    {
        if (_patterns.Length == 0)
        {
            return (text, false);
        }

        var result = JsonPair().Replace(text, m => IsSecret(m.Groups["key"].Value) ? m.Groups["lead"].Value + "\"" + Mask + "\"" : m.Value);
        result = FormPair().Replace(result, m => IsSecret(m.Groups["key"].Value) ? m.Groups["lead"].Value + Mask : m.Value);
        return (result, result != text);
    }

    /// <summary>Lower-case letters and digits only: <c>X-Api_Key</c> and <c>api key</c> both become <c>apikey</c>.</summary>
    private static string Normalize(string text) =>
        string.Concat(text.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant));

    [GeneratedRegex("""(?<lead>"(?<key>(?:[^"\\]|\\.)*)"\s*:\s*)(?:"(?:[^"\\]|\\.)*"|[^,}\]\s]+)""", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex JsonPair();

    [GeneratedRegex("""(?<![\w"])(?<lead>(?<key>[\w.\-]+)=)[^&\s]*""", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex FormPair();
}
