using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Switchboard.Infrastructure.Persistence;

namespace Switchboard.Infrastructure.Search;

/// <summary>
/// The app bar's search: people by username, name or e-mail; envelopes by GrAM UUID, e-mail or Google id; configurations
/// and topics; ChatOps calls by post id or ticket number; messages by recipient. The large tables are matched exactly on
/// indexed columns, so every query stays an index lookup however much data a year leaves; the small ones by substring.
/// </summary>
public sealed class PortalSearch(IDbContextFactory<SwitchboardDbContext> contextFactory)
{
    public const int ShortestText = 2;
    public const int MaxTextLength = 200;

    public async Task<IReadOnlyList<SearchHit>> SearchAsync(string? text, int perKind, CancellationToken cancellationToken)
    {
        var term = text?.Trim() ?? "";
        if (term.Length < ShortestText || term.Length > MaxTextLength)
        {
            return [];
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var lower = term.ToLowerInvariant();
        var hits = new List<SearchHit>();

        var people = await db.People.AsNoTracking()
            .Where(p => !p.Deleted && p.SearchText.Contains(lower))
            .OrderBy(p => p.UsernameKey).Take(perKind)
            .Select(p => new { p.Username, p.FirstName, p.LastName, p.Email })
            .ToListAsync(cancellationToken);
        hits.AddRange(people.Select(p => new SearchHit(
            SearchHitKind.Person, p.Username, $"{p.FirstName} {p.LastName}".Trim() is { Length: > 0 } name ? $"{name} ({p.Username})" : p.Username, p.Email)));

        var envelopes = await db.ProvisioningEnvelopes.AsNoTracking()
            .Where(e => e.GramAccountUuid == term || e.Email == term || e.Email == lower || e.GoogleId == term)
            .OrderByDescending(e => e.LastSeenAt).Take(perKind)
            .Select(e => new { e.Id, e.State, e.Email, e.RoutingKey })
            .ToListAsync(cancellationToken);
        hits.AddRange(envelopes.Select(e => new SearchHit(
            SearchHitKind.Envelope, e.Id.ToString(CultureInfo.InvariantCulture), $"Envelope #{e.Id} · {e.State}", e.Email ?? e.RoutingKey)));

        // Code lists are small (at most a thousand topics and configurations): matched in memory, any part of the text.
        var configurations = (await db.NotificationConfigurations.AsNoTracking()
                .Select(c => new { c.Id, c.EntityType, c.EventType, Topic = c.Topic!.Code, c.Description })
                .ToListAsync(cancellationToken))
            .Where(c => Matches(c.Topic, term) || Matches(c.Description, term) || Matches(c.EntityType, term))
            .OrderBy(c => c.Id).Take(perKind);
        hits.AddRange(configurations.Select(c => new SearchHit(
            SearchHitKind.Configuration, c.Id.ToString(CultureInfo.InvariantCulture), $"Configuration #{c.Id}: {c.EntityType} {c.EventType} → {c.Topic}", c.Description)));

        var topics = (await db.Topics.AsNoTracking().Select(t => new { t.Code, t.Description }).ToListAsync(cancellationToken))
            .Where(t => Matches(t.Code, term) || Matches(t.Description, term))
            .OrderBy(t => t.Code, StringComparer.Ordinal).Take(perKind);
        hits.AddRange(topics.Select(t => new SearchHit(SearchHitKind.Topic, t.Code, $"Topic {t.Code}", t.Description)));

        var ticket = long.TryParse(term.TrimStart('#'), NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : (long?)null;
        var calls = await db.BridgeCalls.AsNoTracking()
            .Where(c => c.PostId == term || (ticket != null && c.TicketId == ticket))
            .OrderByDescending(c => c.ReceivedAt).Take(perKind)
            .Select(c => new { c.Id, c.PostId, c.UserName, c.TicketId, c.Status })
            .ToListAsync(cancellationToken);
        hits.AddRange(calls.Select(c => new SearchHit(
            SearchHitKind.ChatOpsCall, c.Id.ToString(CultureInfo.InvariantCulture), c.TicketId is { } id ? $"ChatOps call from {c.UserName} · ticket #{id}" : $"ChatOps call from {c.UserName} · {c.Status}",
            $"post {c.PostId}")));

        var messages = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.RecipientEmail == term || m.RecipientEmail == lower || m.RecipientUsername == term)
            .OrderByDescending(m => m.Id).Take(perKind)
            .Select(m => new { m.Id, m.RecipientEmail, m.Subject, m.Status })
            .ToListAsync(cancellationToken);
        hits.AddRange(messages.Select(m => new SearchHit(
            SearchHitKind.Message, m.Id.ToString(CultureInfo.InvariantCulture), $"Message to {m.RecipientEmail} · {m.Status}", m.Subject)));

        return hits;
    }

    private static bool Matches(string? value, string term) => value?.Contains(term, StringComparison.OrdinalIgnoreCase) == true;
}
