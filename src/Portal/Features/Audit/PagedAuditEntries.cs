namespace Switchboard.Portal.Features.Audit;

/// <summary>One page of audit entries, newest first, and how many match the filter in all.</summary>
public sealed record PagedAuditEntries(IReadOnlyList<AuditEntryView> Items, int TotalCount);
