using Switchboard.Domain.Events;

namespace Switchboard.Domain.Notifications;

/// <summary>Which configurations an event is evaluated against, before their rules are asked.</summary>
public static class ConfigurationFilter
{
    /// <param name="identityFormProjection">The user type of the identity the event concerns, when it is known.</param>
    public static bool AppliesTo(NotificationConfiguration configuration, EntityEvent entityEvent, string? identityFormProjection) =>
        !configuration.Disabled
        && configuration.EntityType == entityEvent.EntityType
        && configuration.EventType == entityEvent.EventType
        && (configuration.System is null || configuration.System == entityEvent.System)
        && (configuration.FormProjection is null
            || (entityEvent.EntityType == EntityTypes.IdmIdentity && configuration.FormProjection == identityFormProjection));
}
