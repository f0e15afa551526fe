using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Switchboard.Domain.Provisioning;

/// <summary>
/// Replaces the values of secret keys (<c>password</c>, <c>password_hash</c>, … at any depth) with <c>"***"</c> before
/// anything is stored. Keys compare case-insensitively.
/// </summary>
public sealed partial class SecretScrubber
{
    public const string Mask = "***";
    public static readonly IReadOnlyList<string> DefaultKeys = ["password", "password_hash", "hashed_password", "passwd", "secret", "token"];

    private readonly HashSet<string> _keys;
    private readonly Regex _inText;
    private readonly Regex _inForm;

    public SecretScrubber(IEnumerable<string> keys)
    {
        _keys = new HashSet<string>(keys.Where(k => !string.IsNullOrWhiteSpace(k)), StringComparer.OrdinalIgnoreCase);
        var alternatives = string.Join("|", _keys.Select(Regex.Escape));
        _inText = new Regex($"(\"(?:{alternatives})\"\\s*:\\s*)(\"(?:[^\"\\\\]|\\\\.)*\"|[^,}}\\]\\s]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        _inForm = new Regex($"(?<![\\w\"])((?:{alternatives})=)[^&\\s]*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
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
                    if (_keys.Contains(key))
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
        if (_keys.Count == 0)
        {
            return (text, false);
        }

        var result = _inText.Replace(text, m => m.Groups[1].Value + "\"" + Mask + "\"");
        result = _inForm.Replace(result, m => m.Groups[1].Value + Mask);
        return (result, result != text);
    }
}
