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

    /// <summary>How long a session lasts from sign-in, however busy: using the portal does not extend it.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>
    /// How often a session's role is read again from the identity provider (by refresh token, or by sending the person
    /// through the provider again when it issued none), so that someone removed from a group loses the role.
    /// </summary>
    public TimeSpan RoleRefresh { get; set; } = TimeSpan.FromMinutes(15);

    public RoleMap ToRoleMap() =>
        new(RoleMapping.ToDictionary(p => p.Key, p => (IReadOnlyCollection<string>)p.Value));
}
