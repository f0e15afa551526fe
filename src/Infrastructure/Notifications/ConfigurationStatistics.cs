namespace Switchboard.Infrastructure.Notifications;

/// <summary>
/// What a configuration has done lately, from the outbox: when it last fired, on how many events in the last 7 and 30
/// days, how its messages of the last 30 days went, and how often evaluating it failed (all time).
/// </summary>
/// <remarks>A fire is an event for which the configuration queued messages; one that found no recipient queued none and is not counted.</remarks>
public sealed record ConfigurationStatistics(
    int ConfigurationId, DateTime? LastFiredAt, int FiredLast7Days, int FiredLast30Days, int SentLast30Days, int FailedLast30Days, int FailedEvaluations)
{
    /// <summary>The window the "never fired" flag looks at.</summary>
    public static readonly TimeSpan FlagWindow = TimeSpan.FromDays(30);

    /// <summary>A rule that never matches is usually a typo.</summary>
    public bool NeverFiredLately => FiredLast30Days == 0;
}
