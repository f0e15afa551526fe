using Switchboard.Domain.Access;

namespace Switchboard.UnitTests.Access;

public sealed class RoleMapTests
{
    private static readonly RoleMap Map = new(new Dictionary<PortalRole, IReadOnlyCollection<string>>
    {
        [PortalRole.Admin] = ["switchboard-admins"],
        [PortalRole.Operator] = ["switchboard-operators", "helpdesk"],
        [PortalRole.Viewer] = ["switchboard-viewers"],
    });

    [Fact]
    public void Resolve_MappedValue_GivesItsRole() =>
        Assert.Equal(PortalRole.Operator, Map.Resolve(["helpdesk"]));

    [Fact]
    public void Resolve_SeveralMappedValues_GivesTheHighestRole() =>
        Assert.Equal(PortalRole.Admin, Map.Resolve(["switchboard-viewers", "switchboard-admins", "switchboard-operators"]));

    [Fact]
    public void Resolve_ComparesValuesIgnoringCase() =>
        Assert.Equal(PortalRole.Viewer, Map.Resolve(["Switchboard-Viewers"]));

    [Fact]
    public void Resolve_NoMappedValue_GivesNoRole() =>
        Assert.Null(Map.Resolve(["accounting", "everyone"]));

    [Fact]
    public void Granted_Admin_IncludesOperatorAndViewer() =>
        Assert.Equal([PortalRole.Viewer, PortalRole.Operator, PortalRole.Admin], RoleMap.Granted(PortalRole.Admin));

    [Fact]
    public void Granted_Viewer_IsOnlyViewer() =>
        Assert.Equal([PortalRole.Viewer], RoleMap.Granted(PortalRole.Viewer));
}
