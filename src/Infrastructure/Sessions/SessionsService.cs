using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Switchboard.Domain;
using Switchboard.Domain.Access;
using Switchboard.Domain.ApiKeys;
using Switchboard.Domain.Audit;
using Switchboard.Infrastructure.Access;
using Switchboard.Infrastructure.Persistence;

namespace Switchboard.Infrastructure.Sessions;

/// <summary>The signed-in sessions, for Admins: who, since when, last seen; and revocation, which ends one at once.</summary>
public sealed class SessionsService(
    IDbContextFactory<SwitchboardDbContext> contextFactory,
    AccessGuard guard,
    TimeProvider time)
{
    private const string ObjectType = "session";

    /// <summary>The sessions still active, most recently seen first.</summary>
    public async Task<IReadOnlyList<SessionView>> ListActiveAsync(ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        if (!caller.Has(PortalRole.Admin))
        {
            throw new AccessDeniedException($"This needs the {PortalRole.Admin} role.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var mine = caller.FindFirstValue(PortalClaims.SessionId);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var sessions = await db.PortalSessions.AsNoTracking()
            .Where(s => s.EndedAt == null && s.ExpiresAt > now)
            .OrderByDescending(s => s.LastSeenAt)
            .Select(s => new { s.Id, s.UserName, s.Role, s.IpAddress, s.CreatedAt, s.LastSeenAt, s.ExpiresAt })
            .ToListAsync(cancellationToken);
        return sessions.Select(s => new SessionView(
            s.Id, s.Id[..8], s.UserName, s.Role, s.IpAddress, s.CreatedAt, s.LastSeenAt, s.ExpiresAt, s.Id == mine)).ToList();
    }

    /// <summary>Ends the session at once: its cookie gets no further page or request, and an open page shows it ended.</summary>
    public async Task RevokeAsync(ClaimsPrincipal caller, string sessionId, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var session = await db.PortalSessions.SingleOrDefaultAsync(s => s.Id == sessionId, cancellationToken);
        var described = session is null ? "unknown session" : Describe(session);
        var actor = await guard.DemandAsync(caller, PortalRole.Admin, ApiKeyScopes.ConfigWrite, AuditActions.SessionRevoked, ObjectType, described,
            cancellationToken);
        if (session is null)
        {
            throw new NotFoundException("That session no longer exists.");
        }

        if (session.EndedAt is not null)
        {
            return;
        }

        session.End(actor.Name, time.GetUtcNow().UtcDateTime);
        db.Audit(new AuditRecord(actor, AuditActions.SessionRevoked, ObjectType, described,
            Details: $"session of {session.UserName} since {session.CreatedAt:yyyy-MM-dd HH:mm} UTC ended"));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Names a session in the audit trail without its full id (which, with the portal's keys, is the session).</summary>
    private static string Describe(PortalSession session) => $"{session.UserName} ({session.Id[..8]})";
}
