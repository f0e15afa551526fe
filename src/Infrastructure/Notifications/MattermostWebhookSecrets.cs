using System.Text.RegularExpressions;
using Microsoft.AspNetCore.DataProtection;

namespace Switchboard.Infrastructure.Notifications;

/// <summary>
/// A configuration's incoming webhook URL is a secret (anyone who has it can post): encrypted at rest with Data Protection
/// like the other secrets of the portal, decrypted only by the sender, and shown on pages only as its hint.
/// </summary>
public sealed partial class MattermostWebhookSecrets(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("Switchboard.Notifications.MattermostWebhook.v1");

    public (string Protected, string Hint) Protect(string url) => (_protector.Protect(url.Trim()), HintOf(url));

    public string Unprotect(string protectedUrl) => _protector.Unprotect(protectedUrl);

    /// <summary>An incoming webhook's address: http(s), ending in <c>/hooks/{id}</c> (letters and digits, as Mattermost routes it).</summary>
    public static bool IsWebhookUrl(string? url) =>
        Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && string.IsNullOrEmpty(uri.Query)
        && HookPath().IsMatch(uri.AbsolutePath);

    /// <summary>The server and the first four characters of the hook's id, e.g. <c>https://chat.example.org/hooks/x3k9…</c>.</summary>
    public static string HintOf(string url)
    {
        var uri = new Uri(url.Trim());
        var match = HookPath().Match(uri.AbsolutePath);
        var id = match.Success ? match.Groups["id"].Value : "";
        return $"{uri.Scheme}://{uri.Authority}{uri.AbsolutePath[..(match.Success ? match.Groups["id"].Index : 0)]}{id[..Math.Min(4, id.Length)]}…";
    }

    [GeneratedRegex("/hooks/(?<id>[A-Za-z0-9]+)$")]
    private static partial Regex HookPath();
}
