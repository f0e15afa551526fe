namespace Switchboard.Infrastructure.Audit;

/// <summary>One audit entry as its page shows it.</summary>
/// <param name="ActorPerson">The directory username of the person who acted, when the entry's actor is a person the directory knows.</param>
public sealed record AuditEntryDetail(AuditEntryView Entry, string? ActorPerson);
