using Switchboard.Domain.Mattermost;

namespace Switchboard.Infrastructure.Mattermost;

public sealed record IntegrationStatus(bool Enabled, bool Configured, bool Reachable, string? Problem, string? ServerVersion, string Schedule, DateTime? NextRunAt, bool Paused, string? PausedBy);

/// <param name="NotEligibleBecause">Why the eligibility rule gives this person no token (disabled, leaver state); null when it does.</param>
public sealed record TokenPersonRow(
    int Id, string Username, string? Email, bool HasToken, DateTime? TokenCreatedAt, DateTime? ExpiresAt, TokenOutcomeKind? LastOutcome, string? LastDetail,
    string? NotEligibleBecause);

public sealed record TokenRunRow(
    long Id, string TriggeredBy, DateTime StartedAt, DateTime? FinishedAt, TokenRunStatus Status, string? Reason,
    int Processed, int Generated, int Rotated, int AlreadyValid, int NotFound, int Failed)
{
    public TimeSpan? Duration => FinishedAt - StartedAt;
}

public sealed record TokenOutcomeRow(long Id, string Username, TokenOutcomeKind Kind, string? Detail, DateTime At);
