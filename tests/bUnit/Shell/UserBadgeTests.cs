using System.Security.Claims;
using Bunit;
using Switchboard.Domain.Access;
using Switchboard.Infrastructure.Access;
using Switchboard.Portal.Auth;
using Switchboard.Portal.Components.Shared;

namespace Switchboard.ComponentTests.Shell;

public sealed class UserBadgeTests : ComponentTestContext
{
    [Fact]
    public void ShowsTheNameAndTheHighestRole()
    {
        var identity = new ClaimsIdentity(
            [new Claim(PortalClaims.Name, "otto.operator"), new Claim(PortalClaims.Role, "Viewer"), new Claim(PortalClaims.Role, "Operator")],
            "Test", PortalClaims.Name, PortalClaims.Role);

        var badge = Render<UserBadge>(p => p.Add(b => b.User, new ClaimsPrincipal(identity)));

        Assert.Equal("otto.operator", badge.Find("[aria-label='Signed-in user']").TextContent.Trim());
        Assert.Contains(nameof(PortalRole.Operator), badge.Find(".mud-chip").TextContent, StringComparison.Ordinal);
    }
}
