using System.Net;
using Microsoft.EntityFrameworkCore;
using Switchboard.Domain.Listeners;
using Switchboard.Domain.Notifications;
using Switchboard.Domain.People;
using Switchboard.Infrastructure.Persistence;

namespace Switchboard.Infrastructure.Listeners;

/// <summary>
/// Queues one alert e-mail per recipient when a deployment goes Down and when it recovers, in the notification outbox,
/// so alerts are delivered, retried and shown in the delivery log like every other e-mail. Recipients are usernames,
/// role codes (every member) or plain addresses.
/// </summary>
internal static class ListenerAlerts
{
    public const string TopicDown = "exchange-listener:down";
    public const string TopicRecovered = "exchange-listener:recovered";

    public static async Task QueueAsync(SwitchboardDbContext db, IReadOnlyList<string> recipients, string deployment, ListenerState before, ListenerState after,
        ProbeResult probe, DateTime now, CancellationToken cancellationToken)
    {
        var down = after == ListenerState.Down;
        if (!down && before != ListenerState.Down)
        {
            return;
        }

        // The delivery adds the level prefix ([ERROR]) to the subject.
        var subject = down ? $"Exchange Listener {deployment} is down" : $"Exchange Listener {deployment} recovered ({after})";
        var text = down
            ? $"The Exchange Listener deployment {deployment} failed its last checks: {probe.ListenerError ?? "no answer"}.\nChecked at {now:yyyy-MM-dd HH:mm:ss} UTC."
            : $"The Exchange Listener deployment {deployment} answers again ({probe.HttpStatus}, {probe.LatencyMilliseconds} ms) and is {after}.\nChecked at {now:yyyy-MM-dd HH:mm:ss} UTC.";
        var html = $"<p>{WebUtility.HtmlEncode(text).Replace("\n", "<br>", StringComparison.Ordinal)}</p>";
        foreach (var (email, username) in await ResolveAsync(db, recipients, cancellationToken))
        {
            db.OutboxMessages.Add(OutboxMessage.Queue(0, 0, down ? TopicDown : TopicRecovered, down ? NotificationLevel.Error : NotificationLevel.Info,
                email, username, subject, html, text, now));
        }
    }

    private static async Task<IReadOnlyList<(string Email, string? Username)>> ResolveAsync(SwitchboardDbContext db, IReadOnlyList<string> recipients, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in recipients.Select(r => r.Trim()).Where(r => r.Length > 0))
        {
            if (entry.Contains('@', StringComparison.Ordinal))
            {
                found.TryAdd(entry, null);
                continue;
            }

            var key = Person.KeyOf(entry);
            var people = await db.People.AsNoTracking()
                .Where(p => !p.Deleted && !p.Disabled && p.Email != null && (p.UsernameKey == key || p.Roles.Any(r => r.Code == entry)))
                .Select(p => new { p.Email, p.Username }).ToListAsync(cancellationToken);
            foreach (var person in people)
            {
                found.TryAdd(person.Email!, person.Username);
            }
        }

        return found.Select(f => (f.Key, f.Value)).ToList();
    }
}
