using Switchboard.Domain.Notifications;

namespace Switchboard.Infrastructure.Notifications;

/// <summary>Filters of the configurations grid; null fields do not filter.</summary>
public sealed record ConfigurationQuery(
    string? EntityType = null, string? EventType = null, string? Topic = null, NotificationLevel? Level = null, bool? Disabled = null);
