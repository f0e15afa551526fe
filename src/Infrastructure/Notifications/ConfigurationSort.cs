namespace Switchboard.Infrastructure.Notifications;

/// <summary>How the configurations grid is ordered; ties fall back to the id.</summary>
public sealed record ConfigurationSort(ConfigurationSortColumn Column, bool Descending = false)
{
    public static readonly ConfigurationSort ById = new(ConfigurationSortColumn.Id);
}

public enum ConfigurationSortColumn
{
    Id,
    LastFired,
    FiredLast7Days,
    FiredLast30Days,
    Sent,
    Failed,
    FailedEvaluations,
}
