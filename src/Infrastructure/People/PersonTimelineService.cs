using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Switchboard.Domain.Audit;
using Switchboard.Domain.ChatOps;
using Switchboard.Domain.Mattermost;
using Switchboard.Domain.Notifications;
using Switchboard.Domain.Provisioning;
using Switchboard.Infrastructure.Persistence;

namespace Switchboard.Infrastructure.People;

/// <summary>
/// One person's timeline across every module: identity events about them, e-mails to and about them, provisioning
/// envelopes of their accounts, their ChatOps calls, token outcomes, and audit entries about them, newest first.
/// Each source is read with a keyset condition and a limit on an index that starts with the person's key, and the
/// sources are merged here, so a page costs a few index lookups however large the tables grow.
/// </summary>
public sealed class PersonTimelineService(IDbContextFactory<SwitchboardDbContext> contextFactory)
{
    public const int MaxPageSize = 200;
    private const int TitleTextLength = 80;

    /// <summary>The page of <paramref name="username"/>'s timeline after <paramref name="after"/> (the first page when null), of one module or all.</summary>
    public async Task<PersonTimelinePage> PageAsync(
        string username, TimelineModule? module, PersonTimelineCursor? after, int pageSize, CancellationToken cancellationToken)
    {
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var key = Domain.People.Person.KeyOf(username);
        var person = await db.People.AsNoTracking().Where(p => p.UsernameKey == key)
            .Select(p => new Subject(p.Id, p.Username, p.Email, p.MattermostUserId,
                p.Attributes.Where(a => a.Code == AccountAttributes.GoogleId).Select(a => a.Value).FirstOrDefault(),
                p.Attributes.Where(a => a.Code == AccountAttributes.GramAccountUuid).Select(a => a.Value).FirstOrDefault()))
            .SingleOrDefaultAsync(cancellationToken);
        if (person is null)
        {
            return PersonTimelinePage.Empty;
        }

        var reading = new Reading(db, person, after, pageSize + 1);
        var entries = new List<PersonTimelineEntry>();
        foreach (var source in Enum.GetValues<TimelineModule>().Where(m => module is null || m == module))
        {
            entries.AddRange(source switch
            {
                TimelineModule.Identity => await IdentityEventsAsync(reading, cancellationToken),
                TimelineModule.Notifications => await MessagesAsync(reading, cancellationToken),
                TimelineModule.Provisioning => await EnvelopesAsync(reading, cancellationToken),
                TimelineModule.ChatOps => await CallsAsync(reading, cancellationToken),
                TimelineModule.Tokens => await TokenOutcomesAsync(reading, cancellationToken),
                _ => await AuditAsync(reading, cancellationToken),
            });
        }

        var page = entries.OrderByDescending(e => e.At).ThenByDescending(e => e.Module).ThenByDescending(e => e.Id).Take(pageSize + 1).ToList();
        return page.Count > pageSize ? new PersonTimelinePage(page.Take(pageSize).ToList(), page[pageSize - 1].Cursor) : new PersonTimelinePage(page, null);
    }

    private static async Task<IEnumerable<PersonTimelineEntry>> IdentityEventsAsync(Reading r, CancellationToken cancellationToken)
    {
        var username = r.Person.Username;
        var events = await r.Page(r.Db.EntityEvents.AsNoTracking().Where(e => e.Identity == username), e => e.ReceivedAt, e => e.Id, TimelineModule.Identity)
            .Select(e => new { e.Id, e.ReceivedAt, e.EntityType, e.EventType, e.System, e.DirectorySync, e.DirectorySyncError, e.Evaluated, e.EvaluationNote })
            .ToListAsync(cancellationToken);
        return events.Select(e => new PersonTimelineEntry(e.ReceivedAt, TimelineModule.Identity, e.Id,
            $"Identity event {e.EventType} {e.EntityType}{(e.System is null ? "" : $" on {e.System}")}",
            string.Join("; ", new[]
            {
                e.DirectorySync == Domain.Events.DirectorySyncState.NotApplicable ? null : $"directory: {e.DirectorySync}{(e.DirectorySyncError is null ? "" : $" ({e.DirectorySyncError})")}",
                e.Evaluated ? e.EvaluationNote ?? "no configuration fired" : "not evaluated yet",
            }.OfType<string>()),
            e.DirectorySync == Domain.Events.DirectorySyncState.Failed));
    }

    /// <summary>E-mails to the person (by username or address) and about them (produced by an event whose identity they are).</summary>
    private static async Task<IEnumerable<PersonTimelineEntry>> MessagesAsync(Reading r, CancellationToken cancellationToken)
    {
        var (username, email) = (r.Person.Username, r.Person.Email);
        var messages = r.Db.OutboxMessages.AsNoTracking();
        var toUsername = await Rows(r.Page(messages.Where(m => m.RecipientUsername == username), m => m.CreatedAt, m => m.Id, TimelineModule.Notifications), cancellationToken);
        var toEmail = email is null ? []
            : await Rows(r.Page(messages.Where(m => m.RecipientEmail == email), m => m.CreatedAt, m => m.Id, TimelineModule.Notifications), cancellationToken);

        // A message is created when its event is evaluated, after the event arrived: events newer than the cursor cannot
        // have produced a message older than it, so the events read are bounded by the index on (Identity, ReceivedAt).
        var events = r.Db.EntityEvents.AsNoTracking().Where(e => e.Identity == username);
        if (r.After is { } after)
        {
            var until = after.At;
            events = events.Where(e => e.ReceivedAt <= until);
        }

        var about = await Rows(r.Page(events.Join(messages, e => e.Id, m => m.EventId, (e, m) => m), m => m.CreatedAt, m => m.Id, TimelineModule.Notifications), cancellationToken);

        return toUsername.Concat(toEmail).Concat(about).DistinctBy(m => m.Id).Select(m =>
        {
            var toThem = string.Equals(m.RecipientUsername, username, StringComparison.OrdinalIgnoreCase)
                || (email is not null && string.Equals(m.RecipientEmail, email, StringComparison.OrdinalIgnoreCase));
            return new PersonTimelineEntry(m.CreatedAt, TimelineModule.Notifications, m.Id,
                toThem ? $"E-mail to them: {m.Subject}" : $"E-mail about them to {m.RecipientEmail}: {m.Subject}",
                $"{m.Status} · topic {m.Topic}", m.Status is MessageStatus.Failed or MessageStatus.Dead);
        });

        static Task<List<MessageLine>> Rows(IQueryable<OutboxMessage> query, CancellationToken cancellationToken) =>
            query.Select(m => new MessageLine(m.Id, m.CreatedAt, m.RecipientEmail, m.RecipientUsername, m.Subject, m.Topic, m.Status)).ToListAsync(cancellationToken);
    }

    /// <summary>Envelopes of the person's accounts: by e-mail, and by the Google id and GrAM UUID the directory holds for them.</summary>
    private static async Task<IEnumerable<PersonTimelineEntry>> EnvelopesAsync(Reading r, CancellationToken cancellationToken)
    {
        var (email, googleId, uuid) = (r.Person.Email, r.Person.GoogleId, r.Person.GramAccountUuid);
        var envelopes = r.Db.ProvisioningEnvelopes.AsNoTracking();
        var found = new List<EnvelopeLine>();
        foreach (var matching in new[]
        {
            email is null ? null : envelopes.Where(e => e.Email == email),
            googleId is null ? null : envelopes.Where(e => e.GoogleId == googleId),
            uuid is null ? null : envelopes.Where(e => e.GramAccountUuid == uuid),
        }.OfType<IQueryable<ProvisioningEnvelope>>())
        {
            found.AddRange(await r.Page(matching, e => e.LastSeenAt, e => e.Id, TimelineModule.Provisioning)
                .Select(e => new EnvelopeLine(e.Id, e.LastSeenAt, e.Kind, e.RoutingKey, e.StatusCode, e.ErrorName, e.State, e.Archived))
                .ToListAsync(cancellationToken));
        }

        return found.DistinctBy(e => e.Id).Select(e => new PersonTimelineEntry(e.LastSeenAt, TimelineModule.Provisioning, e.Id,
            e.Kind == EnvelopeKind.Unreadable ? $"Unreadable provisioning message on {e.RoutingKey}"
                : $"Provisioning {e.RoutingKey} failed{(e.StatusCode is null ? "" : $" ({e.StatusCode}{(e.ErrorName is null ? "" : $" {e.ErrorName}")})")}",
            $"{e.State}{(e.Archived ? ", archived" : "")}",
            !e.Archived && e.State is EnvelopeState.Failed or EnvelopeState.Retrying));
    }

    /// <summary>ChatOps calls by the person's Mattermost user: the stored Mattermost user id, or the same username.</summary>
    private static async Task<IEnumerable<PersonTimelineEntry>> CallsAsync(Reading r, CancellationToken cancellationToken)
    {
        var (username, userId) = (r.Person.Username, r.Person.MattermostUserId);
        var calls = r.Db.BridgeCalls.AsNoTracking();
        var found = await Rows(r.Page(calls.Where(c => c.UserName == username), c => c.ReceivedAt, c => c.Id, TimelineModule.ChatOps), cancellationToken);
        if (userId is not null)
        {
            found.AddRange(await Rows(r.Page(calls.Where(c => c.UserId == userId), c => c.ReceivedAt, c => c.Id, TimelineModule.ChatOps), cancellationToken));
        }

        var bridgeIds = found.Select(c => c.BridgeId).Distinct().ToList();
        var bridges = await r.Db.Bridges.AsNoTracking().Where(b => bridgeIds.Contains(b.Id)).ToDictionaryAsync(b => b.Id, cancellationToken);
        return found.DistinctBy(c => c.Id).Select(c => new PersonTimelineEntry(c.ReceivedAt, TimelineModule.ChatOps, c.Id,
            $"ChatOps call{(c.ChannelName is null ? "" : $" in ~{c.ChannelName}")}: {Shortened(c.Text)}",
            c.TicketId is { } ticket ? $"{c.Status}, ticket #{ticket}" : c.ErrorMessage is null ? c.Status.ToString() : $"{c.Status}: {c.ErrorMessage}",
            c.Status == CallStatus.Failed, c.UserName,
            c.TicketId is { } id && bridges.TryGetValue(c.BridgeId, out var bridge) ? bridge.TicketUrl(id) : null));

        static Task<List<CallLine>> Rows(IQueryable<BridgeCall> query, CancellationToken cancellationToken) =>
            query.Select(c => new CallLine(c.Id, c.BridgeId, c.ReceivedAt, c.UserName, c.ChannelName, c.Text.Substring(0, TitleTextLength + 1), c.Status, c.TicketId, c.ErrorMessage))
                .ToListAsync(cancellationToken);
    }

    private static async Task<IEnumerable<PersonTimelineEntry>> TokenOutcomesAsync(Reading r, CancellationToken cancellationToken)
    {
        var personId = r.Person.Id;
        var outcomes = await r.Page(r.Db.TokenOutcomes.AsNoTracking().Where(o => o.PersonId == personId), o => o.At, o => o.Id, TimelineModule.Tokens)
            .Select(o => new { o.Id, o.At, o.RunId, o.Kind, o.Detail })
            .ToListAsync(cancellationToken);
        return outcomes.Select(o => new PersonTimelineEntry(o.At, TimelineModule.Tokens, o.Id,
            $"Mattermost token {o.Kind switch { TokenOutcomeKind.NotFound => "not created: no Mattermost user", TokenOutcomeKind.Failed => "failed", _ => o.Kind.ToString().ToLowerInvariant() }} (run {o.RunId})",
            o.Detail, o.Kind is TokenOutcomeKind.Failed or TokenOutcomeKind.NotFound, o.RunId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    private static async Task<IEnumerable<PersonTimelineEntry>> AuditAsync(Reading r, CancellationToken cancellationToken)
    {
        var username = r.Person.Username;
        var entries = await r.Page(r.Db.AuditEntries.AsNoTracking().Where(a => a.ObjectType == PeopleService.ObjectType && a.ObjectId == username),
                a => a.At, a => a.Id, TimelineModule.Audit)
            .Select(a => new { a.Id, a.At, a.Actor, a.Action, a.Result })
            .ToListAsync(cancellationToken);
        return entries.Select(a => new PersonTimelineEntry(a.At, TimelineModule.Audit, a.Id, $"{a.Action} by {a.Actor}",
            a.Result.ToString(), a.Result != AuditResult.Success));
    }

    private static string Shortened(string text) => text.Length > TitleTextLength ? text[..TitleTextLength] + "…" : text;

    private sealed record Subject(int Id, string Username, string? Email, string? MattermostUserId, string? GoogleId, string? GramAccountUuid);

    private sealed record MessageLine(long Id, DateTime CreatedAt, string RecipientEmail, string? RecipientUsername, string Subject, string Topic, MessageStatus Status);

    private sealed record EnvelopeLine(long Id, DateTime LastSeenAt, EnvelopeKind Kind, string RoutingKey, int? StatusCode, string? ErrorName, EnvelopeState State, bool Archived);

    private sealed record CallLine(long Id, int BridgeId, DateTime ReceivedAt, string UserName, string? ChannelName, string Text, CallStatus Status, long? TicketId, string? ErrorMessage);

    /// <summary>What every source's query shares: the context, the person, the cursor and how many lines to read.</summary>
    private sealed record Reading(SwitchboardDbContext Db, Subject Person, PersonTimelineCursor? After, int Take)
    {
        /// <summary>
        /// The source's lines after the cursor, newest first, at most <see cref="Take"/>. Lines are ordered by time,
        /// then module, then id (all descending), so at the cursor's time a module before the cursor's comes after it
        /// whole, the cursor's own module after its id, and a module after the cursor's not at all.
        /// </summary>
        public IQueryable<T> Page<T>(IQueryable<T> rows, Expression<Func<T, DateTime>> at, Expression<Func<T, long>> id, TimelineModule module)
        {
            if (After is { } cursor)
            {
                var row = at.Parameters[0];
                var time = at.Body;
                var number = new Rebind(id.Parameters[0], row).Visit(id.Body);
                var bound = Expression.Constant(new Bound(cursor.At, cursor.Id));
                var boundAt = Expression.Property(bound, nameof(Bound.At));
                var boundId = Expression.Property(bound, nameof(Bound.Id));
                Expression after = module.CompareTo(cursor.Module) switch
                {
                    < 0 => Expression.LessThanOrEqual(time, boundAt),
                    0 => Expression.OrElse(Expression.LessThan(time, boundAt), Expression.AndAlso(Expression.Equal(time, boundAt), Expression.LessThan(number, boundId))),
                    _ => Expression.LessThan(time, boundAt),
                };
                rows = rows.Where(Expression.Lambda<Func<T, bool>>(after, row));
            }

            return rows.OrderByDescending(at).ThenByDescending(id).Take(Take);
        }
    }

    private sealed record Bound(DateTime At, long Id);

    private sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}
