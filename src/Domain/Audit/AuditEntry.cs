namespace Switchboard.Domain.Audit;

/// <summary>One appended line of the audit trail. Entries are never edited or deleted through the portal.</summary>
public sealed class AuditEntry
{
    public const int ActorMaxLength = 200;
    public const int ActionMaxLength = 100;
    public const int ObjectTypeMaxLength = 100;
    public const int ObjectIdMaxLength = 200;

    private AuditEntry()
    {
    }

    public long Id { get; private set; }
    public DateTime At { get; private set; }
    public string Actor { get; private set; } = "";
    public ActorKind ActorKind { get; private set; }
    public string Action { get; private set; } = "";
    public string ObjectType { get; private set; } = "";
    public string? ObjectId { get; private set; }
    public AuditResult Result { get; private set; }
    public string? Details { get; private set; }

    public static AuditEntry From(AuditRecord record, DateTime at) => new()
    {
        At = at,
        Actor = Truncate(record.Actor.Name, ActorMaxLength),
        ActorKind = record.Actor.Kind,
        Action = record.Action,
        ObjectType = record.ObjectType,
        ObjectId = record.ObjectId is null ? null : Truncate(record.ObjectId, ObjectIdMaxLength),
        Result = record.Result,
        Details = record.Details,
    };

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];
}
