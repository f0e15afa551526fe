using Switchboard.Domain.Notifications;

namespace Switchboard.Infrastructure.Notifications.Digests;

/// <summary>Settings of digests, under <c>Notifications:Digest</c>.</summary>
public sealed class DigestOptions
{
    public const string SectionName = "Notifications:Digest";

    /// <summary>Messages at this level or above skip the digest and go at once, whatever the configuration chose.</summary>
    public NotificationLevel CriticalLevel { get; set; } = NotificationLevel.Error;

    /// <summary>The time zone of digest cron expressions (an IANA or Windows id), so "0 8 * * *" means 8:00 where the admins are.</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>The most changes one digest carries; the rest go in the next one, due at once.</summary>
    public int MaxItemsPerDigest { get; set; } = 500;

    public TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    /// <summary>Whether a message at <paramref name="level"/> waits for the digest (below <see cref="CriticalLevel"/>).</summary>
    public bool Gathers(NotificationLevel level) => level < CriticalLevel;
}
