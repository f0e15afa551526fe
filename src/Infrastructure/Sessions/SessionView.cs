using Switchboard.Domain.Access;

namespace Switchboard.Infrastructure.Sessions;

/// <summary>A signed-in session as the Sessions page shows it; <see cref="ShortId"/> tells apart two of one person.</summary>
public sealed record SessionView(
    string Id,
    string ShortId,
    string UserName,
    PortalRole? Role,
    string? IpAddress,
    DateTime CreatedAt,
    DateTime LastSeenAt,
    DateTime ExpiresAt,
    bool IsCurrent);
