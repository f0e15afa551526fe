namespace Switchboard.Portal.Features.Dashboard;

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
    int MessagesDead);

public sealed record DailyCount(DateOnly Day, int Count);
