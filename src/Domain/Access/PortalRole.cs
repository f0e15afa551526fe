namespace Switchboard.Domain.Access;

/// <summary>The three roles of the portal, ordered by what they may do: each one includes the ones below it.</summary>
public enum PortalRole
{
    Viewer = 1,
    Operator = 2,
    Admin = 3,
}
