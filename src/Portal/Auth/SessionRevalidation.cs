using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.EntityFrameworkCore;
using Switchboard.Infrastructure.Access;
using Switchboard.Infrastructure.Persistence;

namespace Switchboard.Portal.Auth;

/// <summary>
/// An open page (a Blazor circuit) checks every minute that its session is still active on the server, so that
/// signing out elsewhere, an Admin's revocation or the end of the lifetime also ends a page left open.
/// </summary>
internal sealed class SessionRevalidation(
    ILoggerFactory loggerFactory, IDbContextFactory<SwitchboardDbContext> contextFactory, TimeProvider time)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        if (authenticationState.User.FindFirstValue(PortalClaims.SessionId) is not { } sessionId)
        {
            return authenticationState.User.Identity?.IsAuthenticated != true;
        }

        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.PortalSessions.AnyAsync(s => s.Id == sessionId && s.EndedAt == null && s.ExpiresAt > now, cancellationToken);
    }
}
