namespace Switchboard.Domain.Notifications.DateWatches;

/// <summary>
/// One notification a date-watching configuration plans for one person and one value of the watched date: due on
/// <see cref="FireOn"/>, fired at most once. The store keeps one row per configuration, person and date value, so the same
/// date never fires twice, across restarts and instances; a date that changes cancels its row and plans the new date.
/// </summary>
public sealed class PlannedNotification
{
    public const int NoteMaxLength = 1000;

    private PlannedNotification()
    {
    }

    public long Id { get; private set; }
    public int ConfigurationId { get; private set; }

    /// <summary>The person's username, as the event or the directory spelled it.</summary>
    public string Identity { get; private set; } = "";

    /// <summary>The username in lower case: the key of the person.</summary>
    public string IdentityKey { get; private set; } = "";
    public DateOnly DateValue { get; private set; }
    public DateOnly FireOn { get; private set; }
    public PlannedNotificationStatus Status { get; private set; }

    /// <summary>The stored event the date came from (its messages name it); null when the directory said it.</summary>
    public long? EventId { get; private set; }
    public DateTime PlannedAt { get; private set; }
    public DateTime? FiredAt { get; private set; }
    public DateTime? CancelledAt { get; private set; }
    public string? Note { get; private set; }

    public static PlannedNotification Plan(int configurationId, string identity, DateOnly dateValue, DateOnly fireOn, long? eventId, DateTime now) => new()
    {
        ConfigurationId = configurationId,
        Identity = identity,
        IdentityKey = KeyOf(identity),
        DateValue = dateValue,
        FireOn = fireOn,
        EventId = eventId,
        Status = PlannedNotificationStatus.Planned,
        PlannedAt = now,
    };

    public static string KeyOf(string identity) => identity.Trim().ToLowerInvariant();

    /// <summary>Plans a cancelled date again (it came back before its day); a fired one stays fired.</summary>
    public bool Replan(DateOnly fireOn, long? eventId, DateTime now)
    {
        if (Status != PlannedNotificationStatus.Cancelled)
        {
            return false;
        }

        (Status, FireOn, EventId, PlannedAt, CancelledAt, Note) = (PlannedNotificationStatus.Planned, fireOn, eventId ?? EventId, now, null, null);
        return true;
    }

    /// <summary>Moves a planned row to the day a changed offset gives its date.</summary>
    public void Reschedule(DateOnly fireOn)
    {
        if (Status == PlannedNotificationStatus.Planned)
        {
            FireOn = fireOn;
        }
    }

    /// <summary>Plans a failed date again (the configuration was fixed): it fires at the date job's next run, as its day has come.</summary>
    public bool Retry(DateTime now)
    {
        if (Status != PlannedNotificationStatus.Failed)
        {
            return false;
        }

        (Status, PlannedAt, FiredAt, Note) = (PlannedNotificationStatus.Planned, now, null, null);
        return true;
    }

    public void Cancel(string reason, DateTime now)
    {
        if (Status == PlannedNotificationStatus.Planned)
        {
            (Status, CancelledAt, Note) = (PlannedNotificationStatus.Cancelled, now, Trim(reason));
        }
    }

    private static string Trim(string text) => text.Length > NoteMaxLength ? text[..NoteMaxLength] : text;
}
