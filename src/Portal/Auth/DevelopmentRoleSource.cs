using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Switchboard.Infrastructure.Access;

namespace Switchboard.Portal.Auth;

/// <summary>The development sign-in's "provider": a persona holds the first claim value the role mapping gives its role.</summary>
internal sealed class DevelopmentRoleSource(IOptionsMonitor<PortalAuthenticationOptions> options) : IRoleSource
{
    public Task<IReadOnlyList<string>?> ReadAsync(ClaimsPrincipal person, AuthenticationProperties session, CancellationToken cancellationToken)
    {
        var persona = DevelopmentPersona.All.SingleOrDefault(p => p.UserName == person.DisplayName());
        return Task.FromResult(persona is null ? null : ClaimValuesOf(persona, options.CurrentValue));
    }

    public static IReadOnlyList<string> ClaimValuesOf(DevelopmentPersona persona, PortalAuthenticationOptions settings) =>
        persona.Role is { } role && settings.RoleMapping.GetValueOrDefault(role)?.FirstOrDefault() is { } value ? [value] : [];
}
