using Switchboard.Domain.Access;

namespace Switchboard.Portal.Auth;

/// <summary>The people a newcomer can be on the development sign-in page: one per role, and one with none.</summary>
public sealed record DevelopmentPersona(string UserName, string Label, PortalRole? Role)
{
    public static IReadOnlyList<DevelopmentPersona> All { get; } =
    [
        new("ada.admin", "Admin — edits configuration, manages API keys", PortalRole.Admin),
        new("otto.operator", "Operator — runs jobs, reruns and resends", PortalRole.Operator),
        new("vera.viewer", "Viewer — reads everything, changes nothing", PortalRole.Viewer),
        new("nora.norole", "No role — to see the no-access page", null),
    ];
}
