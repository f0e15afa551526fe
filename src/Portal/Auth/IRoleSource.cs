using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;

namespace Switchboard.Portal.Auth;

/// <summary>Reads a signed-in person's role claim values (e.g. <c>groups</c>) again from where they came from.</summary>
public interface IRoleSource
{
    /// <summary>
    /// The current values of the role claim, or null when they cannot be read without the person signing in again.
    /// May update the tokens kept in <paramref name="session"/> (a rotated refresh token).
    /// </summary>
    Task<IReadOnlyList<string>?> ReadAsync(ClaimsPrincipal person, AuthenticationProperties session, CancellationToken cancellationToken);
}
