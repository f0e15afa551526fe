namespace Switchboard.Domain.Events;

/// <summary>Where an event stands with the people directory.</summary>
public enum DirectorySyncState
{
    /// <summary>Not an identity event: the directory does not care.</summary>
    NotApplicable,
    Pending,
    Done,

    /// <summary>The change broke a directory rule (e.g. an unknown manager); the reason is kept on the event.</summary>
    Failed,

    /// <summary>Directory sync from identity events is switched off (<c>People:SyncFromIdentityEvents</c>).</summary>
    Skipped,
}
