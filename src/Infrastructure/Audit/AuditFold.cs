namespace Switchboard.Infrastructure.Audit;

/// <summary>The minute, its audit entry (once written) and how many occurrences it counts.</summary>
public sealed record AuditFold(DateTime Minute, long? EntryId, int Count);
