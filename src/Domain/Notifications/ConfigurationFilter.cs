using Switchboard.Domain.Events;

namespace Switchboard.Domain.Notifications;

/// <summary>Which configurations an event is evaluated against, before their rules are asked.</summary>
public static class ConfigurationFilter
{
    /// <summary>The first reason the configuration does not apply to the event, or <see cref="FilterMismatch.None"/>.</summary>
    /// <param name="identityFormProjection">The user type of the identity the event concerns, when it is known.</param>
    public static FilterMismatch Check(NotificationConfiguration configuration, EntityEvent entityEvent, string? identityFormProjection) =>
        configuration.Disabled ? FilterMismatch.Disabled
        : configuration.EntityType != entityEvent.EntityType ? FilterMismatch.EntityType
        : configuration.EventType != entityEvent.EventType ? FilterMismatch.EventType
        : configuration.System is not null && configuration.System != entityEvent.System ? FilterMismatch.System
        : configuration.FormProjection is not null
          && (entityEvent.EntityType != EntityTypes.IdmIdentity || configuration.FormProjection != identityFormProjection) ? FilterMismatch.FormProjection
        : FilterMismatch.None;

    /// <summary>The reason in words, for the test bench.</summary>
    public static string Describe(FilterMismatch mismatch, NotificationConfiguration configuration, EntityEvent entityEvent, string? identityFormProjection) =>
        mismatch switch
        {
            FilterMismatch.Disabled => "the configuration is disabled",
            FilterMismatch.EntityType => $"entity type is {entityEvent.EntityType}, the configuration is for {configuration.EntityType}",
            FilterMismatch.EventType => $"event is {entityEvent.EventType}, the configuration is for {configuration.EventType}",
            FilterMismatch.System => $"system is {entityEvent.System ?? "none"}, the configuration is for {configuration.System}",
            FilterMismatch.FormProjection => $"user type is {identityFormProjection ?? "unknown"}, the configuration is for {configuration.FormProjection}",
            _ => "",
        };
}

public enum FilterMismatch
{
    None,
    Disabled,
    EntityType,
    EventType,
    System,
    FormProjection,
}
