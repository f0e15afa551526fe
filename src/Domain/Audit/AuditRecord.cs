namespace Switchboard.Domain.Audit;

/// <summary>What a feature tells the audit trail about one state change; the log adds the time.</summary>
/// <param name="Details">A short message, or the JSON before/after diff from <see cref="AuditDiff"/>.</param>
public sealed record AuditRecord(
    Actor Actor,
    string Action,
    string ObjectType,
    string? ObjectId,
    AuditResult Result = AuditResult.Success,
    string? Details = null);
