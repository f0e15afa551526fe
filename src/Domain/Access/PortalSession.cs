namespace Switchboard.Domain.Access;

/// <summary>
/// One signed-in browser session, kept on the server: the session cookie holds only its id. It ends at sign-out,
/// when an Admin revokes it, or at its absolute expiry, whichever comes first; using it never extends it.
/// </summary>
public sealed class PortalSession
{
    public const int IdMaxLength = 64;
    public const int UserNameMaxLength = 200;
    public const int AddressMaxLength = 64;

    private PortalSession()
    {
    }

    public string Id { get; private set; } = "";
    public string UserName { get; private set; } = "";
    public PortalRole? Role { get; private set; }
    public string? IpAddress { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime LastSeenAt { get; private set; }
    public DateTime ExpiresAt { get; private set; }
    public DateTime? EndedAt { get; private set; }
    public string? EndedBy { get; private set; }

    /// <summary>The authentication ticket (claims and provider tokens), encrypted by the portal before it is stored.</summary>
    public byte[] Ticket { get; private set; } = [];

    public static PortalSession Start(
        string id, string userName, PortalRole? role, string? ipAddress, byte[] ticket, DateTime now, TimeSpan lifetime) => new()
        {
            Id = id,
            UserName = Truncate(userName, UserNameMaxLength),
            Role = role,
            IpAddress = ipAddress is null ? null : Truncate(ipAddress, AddressMaxLength),
            Ticket = ticket,
            CreatedAt = now,
            LastSeenAt = now,
            ExpiresAt = now + lifetime,
        };

    public bool IsActiveAt(DateTime now) => EndedAt is null && now < ExpiresAt;

    /// <summary>Stores the renewed ticket (e.g. after the roles were read again); the expiry stays where it was.</summary>
    public void Renew(byte[] ticket, PortalRole? role, DateTime now)
    {
        Ticket = ticket;
        Role = role;
        LastSeenAt = now;
    }

    public void Seen(DateTime now) => LastSeenAt = now;

    /// <summary>Ends the session; <paramref name="by"/> is the person who signed out or the Admin who revoked it.</summary>
    public void End(string by, DateTime now)
    {
        if (EndedAt is not null)
        {
            return;
        }

        EndedAt = now;
        EndedBy = Truncate(by, UserNameMaxLength);
        Ticket = [];
    }

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];
}
