using Microsoft.EntityFrameworkCore;
using Switchboard.Domain.Notifications;
using Switchboard.Infrastructure.Persistence;

namespace Switchboard.Infrastructure.Notifications;

/// <summary>
/// The configurations with their statistics in one statement: one grouped query over the outbox's last 30 days
/// (left-joined) and, per configuration, the newest message (a seek on the (ConfigurationId, CreatedAt) index), so
/// the grid sorts and pages on them in the database.
/// </summary>
internal static class ConfigurationStatisticsQuery
{
    public static IQueryable<ConfigurationWithStatistics> With(SwitchboardDbContext db, IQueryable<NotificationConfiguration> configurations, DateTime now)
    {
        var (since7, since30) = (now - TimeSpan.FromDays(7), now - ConfigurationStatistics.FlagWindow);
        var window = db.OutboxMessages.Where(m => m.CreatedAt >= since30).GroupBy(m => m.ConfigurationId).Select(g => new
        {
            ConfigurationId = g.Key,
            Fired7 = g.Where(m => m.CreatedAt >= since7).Select(m => m.EventId).Distinct().Count(),
            Fired30 = g.Select(m => m.EventId).Distinct().Count(),
            Sent = g.Count(m => m.Status == MessageStatus.Sent),
            Failed = g.Count(m => m.Status == MessageStatus.Failed || m.Status == MessageStatus.Dead),
        });
        return from c in configurations
               join w in window on c.Id equals w.ConfigurationId into joined
               from w in joined.DefaultIfEmpty()
               select new ConfigurationWithStatistics
               {
                   Configuration = c,
                   TopicCode = c.Topic!.Code,
                   LastFiredAt = db.OutboxMessages.Where(m => m.ConfigurationId == c.Id).Max(m => (DateTime?)m.CreatedAt),
                   Fired7 = (int?)w!.Fired7 ?? 0,
                   Fired30 = (int?)w!.Fired30 ?? 0,
                   Sent = (int?)w!.Sent ?? 0,
                   Failed = (int?)w!.Failed ?? 0,
               };
    }

    public static IQueryable<ConfigurationWithStatistics> Sorted(this IQueryable<ConfigurationWithStatistics> rows, ConfigurationSort sort) =>
        sort.Column switch
        {
            ConfigurationSortColumn.LastFired => Order(rows, r => r.LastFiredAt, sort.Descending),
            ConfigurationSortColumn.FiredLast7Days => Order(rows, r => r.Fired7, sort.Descending),
            ConfigurationSortColumn.FiredLast30Days => Order(rows, r => r.Fired30, sort.Descending),
            ConfigurationSortColumn.Sent => Order(rows, r => r.Sent, sort.Descending),
            ConfigurationSortColumn.Failed => Order(rows, r => r.Failed, sort.Descending),
            ConfigurationSortColumn.FailedEvaluations => Order(rows, r => r.Configuration.FailureCount, sort.Descending),
            _ => sort.Descending ? rows.OrderByDescending(r => r.Configuration.Id) : rows.OrderBy(r => r.Configuration.Id),
        };

    private static IOrderedQueryable<ConfigurationWithStatistics> Order<TKey>(
        IQueryable<ConfigurationWithStatistics> rows, System.Linq.Expressions.Expression<Func<ConfigurationWithStatistics, TKey>> key, bool descending) =>
        (descending ? rows.OrderByDescending(key) : rows.OrderBy(key)).ThenBy(r => r.Configuration.Id);
}

/// <summary>One configuration with what <see cref="ConfigurationStatisticsQuery"/> found for it.</summary>
internal sealed class ConfigurationWithStatistics
{
    public required NotificationConfiguration Configuration { get; init; }
    public required string TopicCode { get; init; }
    public DateTime? LastFiredAt { get; init; }
    public int Fired7 { get; init; }
    public int Fired30 { get; init; }
    public int Sent { get; init; }
    public int Failed { get; init; }

    public ConfigurationStatistics Statistics =>
        new(Configuration.Id, LastFiredAt is { } last ? DateTime.SpecifyKind(last, DateTimeKind.Utc) : null, Fired7, Fired30, Sent, Failed, Configuration.FailureCount);
}
