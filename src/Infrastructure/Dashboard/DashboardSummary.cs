namespace Switchboard.Infrastructure.Dashboard;

public sealed record DashboardSummary(
    IReadOnlyList<DailyCount> ActivityLastWeek,
    int AuditEntriesToday,
    int DeniedToday,
    int JobCount,
    int FailingJobs,
    int ActiveApiKeys,
    int People,
    int ChatSyncWithoutToken,
    int EventsLastDay,
    int MessagesLastDay,
    int MessagesFailed,
    int MessagesDead,
    LastTokenRun? LastTokenRun);

/// <summary>The Mattermost token job's latest run, for the dashboard.</summary>
public sealed record LastTokenRun(long Id, Switchboard.Domain.Mattermost.TokenRunStatus Status, string? Reason, DateTime StartedAt, int Generated, int Rotated, int NotFound, int Failed);

public sealed record DailyCount(DateOnly Day, int Count);
