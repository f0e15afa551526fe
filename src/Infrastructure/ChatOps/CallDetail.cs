using Switchboard.Infrastructure.Audit;

namespace Switchboard.Infrastructure.ChatOps;

/// <summary>
/// One ChatOps call as its page shows it: the log's row (with the GLPI ticket URL and the person who wrote, when the
/// directory knows them), what else Mattermost sent, and the audit entries about the call, newest first.
/// </summary>
/// <param name="CompletedAt">When the call reached its outcome (a ticket opened, or nothing to open); null while it may still be sent.</param>
public sealed record CallDetail(
    CallRow Call, string? UserId, string? TeamDomain, string? TriggerWord, DateTime? CompletedAt, IReadOnlyList<AuditEntryView> Audit);
