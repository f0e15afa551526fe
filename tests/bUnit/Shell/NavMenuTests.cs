using Bunit;
using MudBlazor.Interfaces;
using Switchboard.Domain.Access;
using Switchboard.Portal.Components.Layout;

namespace Switchboard.ComponentTests.Shell;

public sealed class NavMenuTests : ComponentTestContext
{
    [Fact]
    public void Admin_SeesEveryEntryIncludingApiKeysAndSessions()
    {
        SignInAs("ada.admin", PortalRole.Admin);

        var menu = Render<NavMenu>();

        Assert.Equal(["Dashboard", "Notifications", "Mattermost tokens", "Provisioning errors", "ChatOps", "Exchange Listeners", "People", "Background jobs", "Audit", "API keys", "Sessions"], LinkTexts(menu));
    }

    [Theory]
    [InlineData(PortalRole.Operator)]
    [InlineData(PortalRole.Viewer)]
    public void NonAdmin_DoesNotSeeApiKeysOrSessions(PortalRole role)
    {
        SignInAs("someone", role);

        var menu = Render<NavMenu>();

        Assert.Equal(["Dashboard", "Notifications", "Mattermost tokens", "Provisioning errors", "ChatOps", "Exchange Listeners", "People", "Background jobs", "Audit"], LinkTexts(menu));
    }

    [Fact]
    public void Entries_LinkToTheirPages()
    {
        SignInAs("ada.admin", PortalRole.Admin);

        var menu = Render<NavMenu>();

        Assert.Equal(["/", "/notifications", "/mattermost-tokens", "/provisioning", "/chatops", "/listeners", "/people", "/jobs", "/audit", "/api-keys", "/sessions"], menu.FindAll("a").Select(a => a.GetAttribute("href")));
    }

    [Fact]
    public void FollowingAnEntry_TellsTheDrawer_SoItClosesOnAPhone()
    {
        SignInAs("someone", PortalRole.Viewer);
        var drawer = new DrawerSpy();

        var menu = Render<NavMenu>(p => p.AddCascadingValue<INavigationEventReceiver>(drawer));
        menu.FindAll("a")[2].Click();

        Assert.Equal(1, drawer.Navigations);
    }

    private static string[] LinkTexts(IRenderedComponent<NavMenu> menu) =>
        [.. menu.FindAll("a").Select(a => a.TextContent.Trim())];

    private sealed class DrawerSpy : INavigationEventReceiver
    {
        public int Navigations { get; private set; }

        public Task OnNavigation()
        {
            Navigations++;
            return Task.CompletedTask;
        }
    }
}
