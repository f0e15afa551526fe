namespace Switchboard.Portal.Features.Notifications;

/// <summary>How the configuration editor offers e-mail delivery: each change at once, or a digest on one of two schedules.</summary>
public enum DigestChoice
{
    AtOnce,
    EveryMinutes,
    Cron,
}
