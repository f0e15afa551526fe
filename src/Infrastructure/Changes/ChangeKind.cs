namespace Switchboard.Infrastructure.Changes;

/// <summary>What kind of stored state changed, as told by the <see cref="IChangeFeed"/>; flags, so one notice can say several.</summary>
[Flags]
public enum ChangeKind
{
    None = 0,

    /// <summary>An Exchange Listener deployment was checked or changed state.</summary>
    ListenerState = 1 << 0,

    /// <summary>A provisioning envelope, its messages, activity or failure group.</summary>
    Envelope = 1 << 1,

    /// <summary>A ChatOps call or bridge.</summary>
    ChatOpsCall = 1 << 2,

    /// <summary>An outbox message (queued, sent, failed, dead, resent).</summary>
    OutboxMessage = 1 << 3,

    /// <summary>A received (or rejected) identity event.</summary>
    Event = 1 << 4,

    /// <summary>A Mattermost token run or one of its outcomes.</summary>
    TokenOutcome = 1 << 5,

    /// <summary>An audit entry.</summary>
    AuditEntry = 1 << 6,

    /// <summary>A background job's stored settings (Pause/Resume, Run now) or one of its runs.</summary>
    JobState = 1 << 7,

    /// <summary>A person or role in the directory.</summary>
    Person = 1 << 8,

    /// <summary>A notification topic or configuration.</summary>
    Configuration = 1 << 9,

    All = ListenerState | Envelope | ChatOpsCall | OutboxMessage | Event | TokenOutcome | AuditEntry | JobState | Person | Configuration,
}
