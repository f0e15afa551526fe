namespace Switchboard.Infrastructure.ChatOps;

/// <summary>What a GLPI call needs. Never logged: <see cref="ToString"/> leaves the tokens out.</summary>
public sealed record GlpiCredentials(string BaseUrl, string? AppToken, string? UserToken)
{
    public override string ToString() => $"GLPI at {BaseUrl}";
}
