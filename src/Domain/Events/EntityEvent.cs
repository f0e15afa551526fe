namespace Switchboard.Domain.Events;

/// <summary>
/// A change of an entity in the identity-management system, stored as it arrived before anything acts on it.
/// The "before" and "after" states are kept as the JSON the sender wrote (<c>{"attributes":{…},"eav":{…}}</c>).
/// </summary>
public sealed class EntityEvent
{
    public const int EventIdMaxLength = 100;
    public const int NameMaxLength = 100;
    public const int ErrorMaxLength = 2000;

    private EntityEvent()
    {
    }

    public long Id { get; private set; }

    /// <summary>The sender's id, the idempotency key: an id seen before is a duplicate.</summary>
    public string EventId { get; private set; } = "";
    public string EntityType { get; private set; } = "";
    public string EventType { get; private set; } = "";
    public string EntityId { get; private set; } = "";

    /// <summary>The username the change concerns (the owner, for provisioning operations).</summary>
    public string Identity { get; private set; } = "";
    public string? System { get; private set; }
    public DateTime? OccurredAt { get; private set; }
    public string? Before { get; private set; }
    public string? After { get; private set; }
    public DateTime ReceivedAt { get; private set; }
    public string ReceivedFrom { get; private set; } = "";
    public DirectorySyncState DirectorySync { get; private set; }
    public DateTime? DirectorySyncedAt { get; private set; }
    public string? DirectorySyncError { get; private set; }
    public bool Evaluated { get; private set; }
    public DateTime? EvaluatedAt { get; private set; }

    /// <summary>What evaluation found worth telling: configurations that fired, recipients skipped and why, failures.</summary>
    public string? EvaluationNote { get; private set; }

    public static EntityEvent Receive(
        string eventId, string entityType, string eventType, string entityId, string identity, string? system,
        DateTime? occurredAt, string? before, string? after, string receivedFrom, DateTime now) => new()
        {
            EventId = eventId,
            EntityType = entityType,
            EventType = eventType,
            EntityId = entityId,
            Identity = identity,
            System = system,
            OccurredAt = occurredAt,
            Before = before,
            After = after,
            ReceivedAt = now,
            ReceivedFrom = receivedFrom,
            DirectorySync = entityType == EntityTypes.IdmIdentity ? DirectorySyncState.Pending : DirectorySyncState.NotApplicable,
        };

    public void RecordEvaluation(string? note, DateTime now)
    {
        Evaluated = true;
        EvaluatedAt = now;
        EvaluationNote = note is { Length: > ErrorMaxLength } ? note[..ErrorMaxLength] : note;
    }

    public void RecordDirectorySync(DirectorySyncState state, string? error, DateTime now)
    {
        DirectorySync = state;
        DirectorySyncError = error is { Length: > ErrorMaxLength } ? error[..ErrorMaxLength] : error;
        DirectorySyncedAt = now;
    }
}
