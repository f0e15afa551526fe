using Switchboard.Domain.Notifications;

namespace Switchboard.Infrastructure.Notifications;

public sealed record ConfigurationRow(
    int Id, string EntityType, string EventType, string? FormProjection, string? System, string Rule, string Topic,
    NotificationLevel Level, string Recipients, bool Disabled, string? Description, int FailureCount, string? LastFailure,
    ConfigurationStatistics Statistics);
