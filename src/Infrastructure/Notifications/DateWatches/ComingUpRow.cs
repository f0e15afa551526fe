using Switchboard.Domain.Notifications.DateWatches;

namespace Switchboard.Infrastructure.Notifications.DateWatches;

/// <summary>
/// One planned notification as a Coming up list shows it: who, which date, and the day it fires; a failed one with its
/// reason (<paramref name="Note"/>), to be retried once the configuration is fixed.
/// </summary>
public sealed record ComingUpRow(
    long Id, int ConfigurationId, string Topic, string Watch, string Identity, DateOnly DateValue, DateOnly FireOn, PlannedNotificationStatus Status, string? Note);
