namespace Switchboard.Infrastructure.ChatOps;

/// <summary>
/// One ChatOps call as its page and the machine API show it: the log's row (with the GLPI ticket URL and the person who
/// wrote, when the directory knows them) and what else Mattermost sent. The audit entries about the call are not part of
/// it (<see cref="ChatOpsService.CallAuditAsync"/>): the API gates them by audit:read, not by the call's config:read.
/// </summary>
/// <param name="CompletedAt">When the call reached its outcome (a ticket opened, or nothing to open); null while it may still be sent.</param>
public sealed record CallDetail(
    CallRow Call, string? UserId, string? TeamDomain, string? TriggerWord, DateTime? CompletedAt);
