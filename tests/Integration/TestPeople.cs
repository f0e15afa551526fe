using System.Security.Claims;
using Switchboard.Domain.Access;
using Switchboard.Infrastructure.Access;

namespace Switchboard.IntegrationTests;

/// <summary>Signed-in people as the portal sees them after role mapping.</summary>
public static class TestPeople
{
    public static ClaimsPrincipal Admin { get; } = Person("ada.admin", PortalRole.Admin);
    public static ClaimsPrincipal Operator { get; } = Person("otto.operator", PortalRole.Operator);
    public static ClaimsPrincipal Viewer { get; } = Person("vera.viewer", PortalRole.Viewer);

    private static ClaimsPrincipal Person(string name, PortalRole role)
    {
        var identity = new ClaimsIdentity("Test", PortalClaims.Name, PortalClaims.Role);
        identity.AddClaim(new Claim(PortalClaims.Name, name));
        identity.AddClaims(RoleMap.Granted(role).Select(r => new Claim(PortalClaims.Role, r.ToString())));
        return new ClaimsPrincipal(identity);
    }
}
