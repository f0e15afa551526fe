using System.Security.Claims;
using Switchboard.Domain.Access;
using Switchboard.Domain.Audit;

namespace Switchboard.Infrastructure.Access;

public static class PrincipalExtensions
{
    public static bool Has(this ClaimsPrincipal principal, PortalRole role) =>
        principal.HasClaim(PortalClaims.Role, role.ToString());

    public static bool HasScope(this ClaimsPrincipal principal, string scope) =>
        principal.HasClaim(PortalClaims.Scope, scope);

    /// <summary>The highest portal role, or null for a person the role mapping does not know.</summary>
    public static PortalRole? HighestRole(this ClaimsPrincipal principal) =>
        Enum.GetValues<PortalRole>().Where(principal.Has).Select(r => (PortalRole?)r).LastOrDefault();

    public static bool IsApiKey(this ClaimsPrincipal principal) => principal.HasClaim(c => c.Type == PortalClaims.ApiKeyId);

    public static string DisplayName(this ClaimsPrincipal principal) =>
        principal.Identity?.Name ?? principal.FindFirstValue(PortalClaims.Name) ?? "unknown";

    public static Actor ToActor(this ClaimsPrincipal principal) =>
        principal.IsApiKey() ? Actor.ApiKey(principal.DisplayName()) : Actor.User(principal.DisplayName());
}
