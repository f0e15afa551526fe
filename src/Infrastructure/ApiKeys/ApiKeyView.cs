using Switchboard.Domain.ApiKeys;

namespace Switchboard.Infrastructure.ApiKeys;

/// <summary>An API key as the list shows it: never the secret, only the prefix that identifies it.</summary>
public sealed record ApiKeyView(
    Guid Id,
    string Name,
    string Prefix,
    IReadOnlyList<string> Scopes,
    DateTime CreatedAt,
    string CreatedBy,
    DateTime? ExpiresAt,
    DateTime? LastUsedAt,
    ApiKeyStatus Status,
    DateTime? RevokedAt,
    string? RevokedBy);
