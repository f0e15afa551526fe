namespace Switchboard.Domain.Notifications.DateWatches;

public enum PlannedNotificationStatus
{
    /// <summary>Waiting for its day.</summary>
    Planned,

    /// <summary>Its messages are queued; the same date never fires again for this person and configuration.</summary>
    Fired,

    /// <summary>The date changed or went away before the day came (or the configuration is gone).</summary>
    Cancelled,

    /// <summary>The configuration failed for it on the day (a script, a template, a limit); the reason is noted.</summary>
    Failed,
}
