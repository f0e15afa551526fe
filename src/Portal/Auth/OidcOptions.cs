namespace Switchboard.Portal.Auth;

public sealed class OidcOptions
{
    /// <summary>The provider's issuer URL; empty means the development sign-in (Development environment only).</summary>
    public string? Authority { get; set; }
    public string? ClientId { get; set; }

    /// <summary>Give it through the environment (<c>Authentication__Oidc__ClientSecret</c>), never in a committed file.</summary>
    public string? ClientSecret { get; set; }
    public IList<string> Scopes { get; set; } = ["openid", "profile", "email"];

    /// <summary>The claim that holds the person's login name.</summary>
    public string NameClaim { get; set; } = "preferred_username";
    public bool RequireHttpsMetadata { get; set; } = true;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Authority);
}
