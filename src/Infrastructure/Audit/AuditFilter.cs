namespace Switchboard.Infrastructure.Audit;

/// <summary>What the Audit page and <c>GET /api/audit</c> filter by; empty fields do not filter.</summary>
/// <param name="Actor">Start of the actor's name (a user name, or <c>api-key:</c> for machines).</param>
/// <param name="From">Inclusive lower bound, UTC.</param>
/// <param name="To">Exclusive upper bound, UTC.</param>
/// <param name="Exclude">Actions left out, so that frequent ones (sign-ins) do not drown the changes.</param>
public sealed record AuditFilter(
    string? Actor = null,
    string? Action = null,
    string? ObjectType = null,
    string? ObjectId = null,
    DateTime? From = null,
    DateTime? To = null,
    string[]? Exclude = null);
