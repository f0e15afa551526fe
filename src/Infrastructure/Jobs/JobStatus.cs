namespace Switchboard.Infrastructure.Jobs;

/// <summary>A snapshot of one background job for the Background jobs page and the jobs API.</summary>
public sealed record JobStatus(
    string Name,
    string Description,
    string Schedule,
    bool Paused,
    string? PausedBy,
    bool Running,
    DateTime? LastRunStartedAt,
    DateTime? LastRunFinishedAt,
    JobOutcome? LastOutcome,
    string? LastMessage,
    string? LastError,
    DateTime? NextRunAt);
