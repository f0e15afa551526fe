namespace Switchboard.Domain.ApiKeys;

/// <summary>A key a machine presents in the <c>X-Api-Key</c> header. Only the hash of its secret is stored.</summary>
public sealed class ApiKey
{
    public const int NameMaxLength = 100;

    private ApiKey()
    {
    }

    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    public string Prefix { get; private set; } = "";
    public string SecretHash { get; private set; } = "";
    public List<string> Scopes { get; private set; } = [];
    public DateTime CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";
    public DateTime? ExpiresAt { get; private set; }
    public DateTime? LastUsedAt { get; private set; }
    public DateTime? RevokedAt { get; private set; }
    public string? RevokedBy { get; private set; }

    public static ApiKey Create(string name, IEnumerable<string> scopes, DateTime? expiresAt, ApiKeySecret secret, string createdBy, DateTime now)
    {
        var unknown = scopes.Where(s => !ApiKeyScopes.IsKnown(s)).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"Unknown scopes: {string.Join(", ", unknown)}", nameof(scopes));
        }

        return new ApiKey
        {
            Id = Guid.CreateVersion7(),
            Name = name.Trim(),
            Prefix = secret.Prefix,
            SecretHash = secret.Hash,
            Scopes = scopes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
            CreatedAt = now,
            CreatedBy = createdBy,
            ExpiresAt = expiresAt,
        };
    }

    public ApiKeyStatus StatusAt(DateTime now) =>
        RevokedAt is not null ? ApiKeyStatus.Revoked
        : ExpiresAt is { } expiry && expiry <= now ? ApiKeyStatus.Expired
        : ApiKeyStatus.Active;

    public bool HasScope(string scope) => Scopes.Contains(scope, StringComparer.Ordinal);

    public void MarkUsed(DateTime now) => LastUsedAt = now;

    public void Revoke(string by, DateTime now)
    {
        if (RevokedAt is not null)
        {
            return;
        }

        RevokedAt = now;
        RevokedBy = by;
    }
}
