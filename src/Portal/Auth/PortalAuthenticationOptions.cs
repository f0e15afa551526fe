using Switchboard.Domain.Access;

namespace Switchboard.Portal.Auth;

public sealed class PortalAuthenticationOptions
{
    public const string SectionName = "Authentication";

    public OidcOptions Oidc { get; set; } = new();

    /// <summary>The claim whose values decide the portal role, e.g. <c>groups</c>.</summary>
    public string RoleClaim { get; set; } = "groups";

    /// <summary>Which values of <see cref="RoleClaim"/> grant which role; the highest role found wins.</summary>
    public Dictionary<PortalRole, string[]> RoleMapping { get; set; } = [];

    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    public RoleMap ToRoleMap() =>
        new(RoleMapping.ToDictionary(p => p.Key, p => (IReadOnlyCollection<string>)p.Value));
}
