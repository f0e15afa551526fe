namespace Switchboard.Domain.ChatOps;

/// <summary>Secrets already protected; null keeps what is stored. WebhookTokens carries the protected list and how many it holds.</summary>
public sealed record BridgeSecretsProtected((string Protected, int Count)? WebhookTokens, string? AppToken, string? UserToken);
