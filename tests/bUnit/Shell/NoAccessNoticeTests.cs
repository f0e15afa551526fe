using System.Security.Claims;
using Bunit;
using Switchboard.Domain.Access;
using Switchboard.Infrastructure.Access;
using Switchboard.Portal.Components.Shared;
using Switchboard.Portal.Features.ApiKeys;
using Switchboard.Portal.Features.Audit;

namespace Switchboard.ComponentTests.Shell;

public sealed class NoAccessNoticeTests : ComponentTestContext
{
    private static ClaimsPrincipal Person(params string[] roles) =>
        new(new ClaimsIdentity(
            [new Claim(PortalClaims.Name, "vera.viewer"), .. roles.Select(r => new Claim(PortalClaims.Role, r))],
            "Test", PortalClaims.Name, PortalClaims.Role));

    [Fact]
    public void ViewerOnAnAdminPage_IsToldTheRoleThePageNeeds_AndTheRoleTheyHave()
    {
        var notice = Render<NoAccessNotice>(p => p
            .Add(n => n.PageType, typeof(ApiKeysPage))
            .Add(n => n.User, Person(nameof(PortalRole.Viewer))));

        Assert.Contains("This page needs the Admin role. You are signed in as Viewer.", notice.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("groups", notice.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void PersonWithoutAnyRole_IsToldTheirSignInCarriesNone()
    {
        var notice = Render<NoAccessNotice>(p => p
            .Add(n => n.PageType, typeof(AuditPage))
            .Add(n => n.User, Person()));

        Assert.Contains("This page needs the Viewer role. Your sign-in carries no Switchboard role.", notice.Markup, StringComparison.Ordinal);
    }
}
