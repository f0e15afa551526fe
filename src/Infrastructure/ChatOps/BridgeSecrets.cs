using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Switchboard.Domain.ChatOps;

namespace Switchboard.Infrastructure.ChatOps;

/// <summary>Encrypts a bridge's secrets at rest with Data Protection, and compares webhook tokens in constant time.</summary>
public sealed class BridgeSecrets(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("Switchboard.ChatOps.BridgeSecrets.v1");

    /// <summary>Protects the secrets an Admin typed; blank ones keep what is stored.</summary>
    public BridgeSecretsProtected Protect(IReadOnlyList<string>? webhookTokens, string? appToken, string? userToken) => new(
        webhookTokens is { Count: > 0 } tokens ? (_protector.Protect(JsonSerializer.Serialize(tokens)), tokens.Count) : null,
        string.IsNullOrWhiteSpace(appToken) ? null : _protector.Protect(appToken.Trim()),
        string.IsNullOrWhiteSpace(userToken) ? null : _protector.Protect(userToken.Trim()));

    public GlpiCredentials GlpiOf(Bridge bridge) => new(bridge.GlpiUrl, Unprotect(bridge.ProtectedAppToken), Unprotect(bridge.ProtectedUserToken));

    /// <summary>Whether the token is one of the bridge's webhook tokens; every stored token is compared, each in constant time.</summary>
    public bool Accepts(Bridge bridge, string? token)
    {
        if (string.IsNullOrEmpty(token) || string.IsNullOrEmpty(bridge.ProtectedWebhookTokens))
        {
            return false;
        }

        var offered = SHA256.HashData(Encoding.UTF8.GetBytes(token));
        var accepted = false;
        foreach (var stored in JsonSerializer.Deserialize<string[]>(_protector.Unprotect(bridge.ProtectedWebhookTokens)) ?? [])
        {
            accepted |= CryptographicOperations.FixedTimeEquals(offered, SHA256.HashData(Encoding.UTF8.GetBytes(stored)));
        }

        return accepted;
    }

    private string? Unprotect(string protectedValue) => string.IsNullOrEmpty(protectedValue) ? null : _protector.Unprotect(protectedValue);
}
