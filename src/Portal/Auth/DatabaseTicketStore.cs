using System.Buffers.Text;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Switchboard.Domain.Access;
using Switchboard.Infrastructure.Access;
using Switchboard.Infrastructure.Persistence;

namespace Switchboard.Portal.Auth;

/// <summary>
/// Keeps the cookie scheme's sessions in the database, so the cookie carries only a session id: signing out or an
/// Admin's revocation ends the session for every copy of the cookie, and the lifetime counts from sign-in (absolute).
/// The stored ticket is encrypted with the portal's data-protection keys.
/// </summary>
internal sealed class DatabaseTicketStore(
    IDbContextFactory<SwitchboardDbContext> contextFactory,
    IDataProtectionProvider dataProtection,
    IOptionsMonitor<PortalAuthenticationOptions> options,
    TimeProvider time) : ITicketStore
{
    /// <summary>"Last seen" is written at most this often per session, not on every request.</summary>
    private static readonly TimeSpan LastSeenResolution = TimeSpan.FromMinutes(1);

    private readonly IDataProtector _protector = dataProtection.CreateProtector("Switchboard.PortalSessions.v1");

    public Task<string> StoreAsync(AuthenticationTicket ticket) => StoreAsync(ticket, null, CancellationToken.None);

    public Task<string> StoreAsync(AuthenticationTicket ticket, HttpContext? httpContext, CancellationToken cancellationToken) =>
        StoreCoreAsync(ticket, httpContext?.Connection.RemoteIpAddress?.ToString(), cancellationToken);

    public Task RenewAsync(string key, AuthenticationTicket ticket) => RenewAsync(key, ticket, CancellationToken.None);

    public async Task RenewAsync(string key, AuthenticationTicket ticket, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var session = await db.PortalSessions.SingleOrDefaultAsync(s => s.Id == key, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        if (session is null || !session.IsActiveAt(now))
        {
            return;
        }

        session.Renew(Protect(ticket), ticket.Principal.HighestRole(), now);
        await db.SaveChangesAsync(cancellationToken);
    }

    public Task<AuthenticationTicket?> RetrieveAsync(string key) => RetrieveAsync(key, CancellationToken.None);

    public async Task<AuthenticationTicket?> RetrieveAsync(string key, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var session = await db.PortalSessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == key, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        if (session is null || !session.IsActiveAt(now) || Unprotect(session.Ticket) is not { } ticket)
        {
            return null;
        }

        if (now - session.LastSeenAt > LastSeenResolution)
        {
            await db.PortalSessions.Where(s => s.Id == key)
                .ExecuteUpdateAsync(set => set.SetProperty(s => s.LastSeenAt, now), cancellationToken);
        }

        // The stored expiry decides, whatever a renewal did to the ticket's own.
        ticket.Properties.ExpiresUtc = new DateTimeOffset(session.ExpiresAt, TimeSpan.Zero);
        ticket.Properties.AllowRefresh = false;
        return ticket;
    }

    public Task RemoveAsync(string key) => RemoveAsync(key, null, CancellationToken.None);

    public Task RemoveAsync(string key, HttpContext? httpContext, CancellationToken cancellationToken) =>
        EndAsync(key, httpContext?.User.Identity?.Name ?? "expired", cancellationToken);

    /// <summary>Ends a session; <paramref name="by"/> is who ended it (the person signing out, or an Admin).</summary>
    public async Task<PortalSession?> EndAsync(string key, string by, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var session = await db.PortalSessions.SingleOrDefaultAsync(s => s.Id == key, cancellationToken);
        if (session is null || session.EndedAt is not null)
        {
            return null;
        }

        session.End(by, time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        return session;
    }

    private async Task<string> StoreCoreAsync(AuthenticationTicket ticket, string? ipAddress, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var lifetime = options.CurrentValue.SessionLifetime;
        var key = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        if (ticket.Principal.Identity is ClaimsIdentity identity)
        {
            foreach (var old in identity.FindAll(PortalClaims.SessionId).ToList())
            {
                identity.RemoveClaim(old);
            }

            identity.AddClaim(new Claim(PortalClaims.SessionId, key));
        }

        ticket.Properties.IssuedUtc = now;
        ticket.Properties.ExpiresUtc = now + lifetime;
        RoleRefreshStamp.Set(ticket.Properties, now);

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        db.PortalSessions.Add(PortalSession.Start(key, ticket.Principal.DisplayName(), ticket.Principal.HighestRole(), ipAddress,
            Protect(ticket), now.UtcDateTime, lifetime));
        await db.SaveChangesAsync(cancellationToken);
        return key;
    }

    private byte[] Protect(AuthenticationTicket ticket) => _protector.Protect(TicketSerializer.Default.Serialize(ticket));

    private AuthenticationTicket? Unprotect(byte[] stored)
    {
        if (stored.Length == 0)
        {
            return null;
        }

        try
        {
            return TicketSerializer.Default.Deserialize(_protector.Unprotect(stored));
        }
        catch (CryptographicException)
        {
            // Written under keys this portal no longer has: the person signs in again.
            return null;
        }
    }
}
