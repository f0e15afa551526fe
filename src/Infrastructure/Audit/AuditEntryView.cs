using Switchboard.Domain.Audit;

namespace Switchboard.Infrastructure.Audit;

public sealed record AuditEntryView(
    long Id,
    DateTime At,
    string Actor,
    ActorKind ActorKind,
    string Action,
    string ObjectType,
    string? ObjectId,
    AuditResult Result,
    string? Details);
