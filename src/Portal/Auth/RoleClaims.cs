using System.Security.Claims;
using Switchboard.Domain.Access;
using Switchboard.Infrastructure.Access;

namespace Switchboard.Portal.Auth;

/// <summary>Turns the provider's role claim values into the portal's own role claims, once, at sign-in.</summary>
public static class RoleClaims
{
    public static PortalRole? Apply(ClaimsIdentity identity, RoleMap map, string roleClaim)
    {
        // Whatever arrived under our own claim type is not trusted: only the mapping grants roles.
        foreach (var forged in identity.FindAll(PortalClaims.Role).ToList())
        {
            identity.RemoveClaim(forged);
        }

        var role = map.Resolve(identity.FindAll(roleClaim).Select(c => c.Value));
        if (role is { } granted)
        {
            foreach (var each in RoleMap.Granted(granted))
            {
                identity.AddClaim(new Claim(PortalClaims.Role, each.ToString()));
            }
        }

        return role;
    }
}
