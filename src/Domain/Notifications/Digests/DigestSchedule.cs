namespace Switchboard.Domain.Notifications.Digests;

/// <summary>
/// When a digest configuration sends what it gathered for a recipient: <see cref="EveryMinutes"/> after the first change
/// that waits (a window, as Novu's regular digest), or at the next time of the <see cref="Cron"/> expression (e.g.
/// <c>0 8 * * 1-5</c>, at 8:00 on working days). Exactly one of the two is set.
/// </summary>
public sealed record DigestSchedule(int? EveryMinutes = null, string? Cron = null)
{
    /// <summary>A week: a digest that waits longer is not a notification any more.</summary>
    public const int MaxMinutes = 7 * 24 * 60;
    public const int CronMaxLength = 100;

    public override string ToString() => EveryMinutes is { } minutes ? $"every {minutes} min" : $"at {Cron}";
}
