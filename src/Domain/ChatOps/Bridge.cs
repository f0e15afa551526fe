using System.Text.RegularExpressions;

namespace Switchboard.Domain.ChatOps;

/// <summary>
/// A Mattermost outgoing webhook turned into GLPI tickets. Secrets (the webhook tokens, GLPI's App-Token and
/// user_token) are held only in their protected (encrypted) form; Infrastructure protects and unprotects them.
/// </summary>
public sealed partial class Bridge
{
    public const string DefaultSuccessReply = "Ticket #{ticket} is open for your request: {url}";
    public const string DefaultFailureReply = "Your request is recorded (reference {call}), but GLPI did not take it yet; it is retried automatically.";

    private Bridge()
    {
    }

    public int Id { get; private set; }

    /// <summary>Lower-case letters, digits and dashes: the last part of the webhook URL.</summary>
    public string Name { get; private set; } = "";
    public IReadOnlyList<string> TriggerWords { get; private set; } = [];
    public string ProtectedWebhookTokens { get; private set; } = "";
    public int WebhookTokenCount { get; private set; }
    public string GlpiUrl { get; private set; } = "";
    public string ProtectedAppToken { get; private set; } = "";
    public string ProtectedUserToken { get; private set; } = "";
    public int RequestSourceId { get; private set; }
    public TicketType TicketType { get; private set; }
    public int? Urgency { get; private set; }
    public int? CategoryId { get; private set; }
    public string SuccessReply { get; private set; } = DefaultSuccessReply;
    public string FailureReply { get; private set; } = DefaultFailureReply;
    public bool Enabled { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }

    public static bool IsValidName(string? name) => name is { Length: > 0 and <= 60 } && NamePattern().IsMatch(name);

    public static Bridge Create(BridgeSettings settings, BridgeSecretsProtected secrets, DateTime now)
    {
        var bridge = new Bridge { CreatedAt = now };
        bridge.Update(settings, secrets, now);
        return bridge;
    }

    /// <summary>Applies the settings; a secret left null keeps the stored one.</summary>
    public void Update(BridgeSettings settings, BridgeSecretsProtected secrets, DateTime now)
    {
        Name = settings.Name.Trim().ToLowerInvariant();
        TriggerWords = settings.TriggerWords.ToList();
        GlpiUrl = settings.GlpiUrl.Trim().TrimEnd('/');
        RequestSourceId = settings.RequestSourceId;
        TicketType = settings.TicketType;
        Urgency = settings.Urgency;
        CategoryId = settings.CategoryId;
        SuccessReply = string.IsNullOrWhiteSpace(settings.SuccessReply) ? DefaultSuccessReply : settings.SuccessReply.Trim();
        FailureReply = string.IsNullOrWhiteSpace(settings.FailureReply) ? DefaultFailureReply : settings.FailureReply.Trim();
        Enabled = settings.Enabled;
        if (secrets.WebhookTokens is { } tokens)
        {
            (ProtectedWebhookTokens, WebhookTokenCount) = tokens;
        }

        ProtectedAppToken = secrets.AppToken ?? ProtectedAppToken;
        ProtectedUserToken = secrets.UserToken ?? ProtectedUserToken;
        UpdatedAt = now;
    }

    /// <summary>The text Mattermost shows after a ticket was opened.</summary>
    public string SuccessText(long ticketId, string ticketUrl, long callId) => Fill(SuccessReply, ticketId.ToString(System.Globalization.CultureInfo.InvariantCulture), ticketUrl, callId);

    public string FailureText(long callId) => Fill(FailureReply, "", "", callId);

    /// <summary>The ticket's page in GLPI's web interface.</summary>
    public string TicketUrl(long ticketId) => TicketUrl(GlpiUrl, ticketId);

    /// <summary>The ticket's page in the web interface of the GLPI at <paramref name="glpiUrl"/> (its API address or its root).</summary>
    public static string TicketUrl(string glpiUrl, long ticketId)
    {
        var root = glpiUrl.EndsWith("/apirest.php", StringComparison.OrdinalIgnoreCase) ? glpiUrl[..^"/apirest.php".Length] : glpiUrl;
        return $"{root}/front/ticket.form.php?id={ticketId}";
    }

    private static string Fill(string template, string ticket, string url, long callId) =>
        template.Replace("{ticket}", ticket, StringComparison.Ordinal).Replace("{url}", url, StringComparison.Ordinal)
            .Replace("{call}", callId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$")]
    private static partial Regex NamePattern();
}
