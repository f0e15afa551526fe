using System.Security.Claims;
using Switchboard.Domain.Access;
using Switchboard.Infrastructure.Access;
using Switchboard.Portal.Auth;

namespace Switchboard.IntegrationTests.Access;

public sealed class RoleClaimsTests
{
    private static readonly RoleMap Map = new(new Dictionary<PortalRole, IReadOnlyCollection<string>>
    {
        [PortalRole.Admin] = ["switchboard-admins"],
        [PortalRole.Viewer] = ["switchboard-viewers"],
    });

    [Fact]
    public void Apply_MappedGroup_GrantsTheRoleAndTheRolesBelowIt()
    {
        var identity = Identity(new Claim("groups", "switchboard-admins"));

        RoleClaims.Apply(identity, Map, "groups");

        var principal = new ClaimsPrincipal(identity);
        Assert.True(principal.Has(PortalRole.Admin));
        Assert.True(principal.Has(PortalRole.Operator));
        Assert.True(principal.IsInRole("Viewer"));
    }

    [Fact]
    public void Apply_RoleClaimSentByTheProvider_IsNotTrusted()
    {
        var identity = Identity(new Claim(PortalClaims.Role, "Admin"), new Claim("groups", "switchboard-viewers"));

        RoleClaims.Apply(identity, Map, "groups");

        Assert.Equal(PortalRole.Viewer, new ClaimsPrincipal(identity).HighestRole());
    }

    [Fact]
    public void Apply_UnmappedGroups_GrantNothing()
    {
        var identity = Identity(new Claim("groups", "everyone"));

        var role = RoleClaims.Apply(identity, Map, "groups");

        Assert.Null(role);
        Assert.Null(new ClaimsPrincipal(identity).HighestRole());
    }

    private static ClaimsIdentity Identity(params Claim[] claims) =>
        new(claims, "Test", PortalClaims.Name, PortalClaims.Role);
}
