using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Switchboard.Domain;
using Switchboard.Domain.Access;
using Switchboard.Domain.ApiKeys;
using Switchboard.Domain.Audit;
using Switchboard.Domain.Provisioning;
using Switchboard.Infrastructure.Access;
using Switchboard.Infrastructure.Persistence;
using Switchboard.Infrastructure.Provisioning;

namespace Switchboard.Infrastructure.Provisioning;

/// <summary>The provisioning errors page and API: capture, groups, the envelope list and page, and every action on envelopes (authorised and audited).</summary>
public sealed class ProvisioningService(
    IDbContextFactory<SwitchboardDbContext> contextFactory,
    ProvisioningCapture capture,
    CaptureStatus status,
    EnvelopeReruns reruns,
    RequestSchemas schemas,
    AccessGuard guard,
    IAuditLog audit,
    TimeProvider clock)
{
    private const int ActionChunk = 500;

    /// <summary>How many failure groups the dashboard names; the rest are counted.</summary>
    public const int DashboardGroups = 5;

    public async Task<CaptureSummary> CaptureAsync(ClaimsPrincipal caller, IReadOnlyList<IncomingSoaMessage> messages, CancellationToken cancellationToken)
    {
        await guard.DemandAsync(caller, PortalRole.Operator, ApiKeyScopes.EnvelopesWrite, AuditActions.ProvisioningMessagesPosted, "provisioning-message", null, cancellationToken);
        return await capture.StoreAsync(messages, cancellationToken);
    }

    public CaptureView Capture() =>
        new(status.State, status.Since, status.LastError, status.LastMessageAt, status.Stored, status.Duplicates, status.Ignored, reruns.BrokerConfigured, reruns.Unavailable);

    /// <summary>Why no rerun can be published at all (no broker), or null: the same words on every rerun button.</summary>
    public string? RerunsUnavailableBecause => reruns.Unavailable;

    public async Task<IReadOnlyList<FailureGroupRow>> GroupsAsync(bool onlyOpen, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var open = await OpenEnvelopes(db).GroupBy(e => e.GroupId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key ?? 0, g => g.Count, cancellationToken);
        var groups = await db.FailureGroups.AsNoTracking().OrderByDescending(g => g.LastSeenAt).Take(500).ToListAsync(cancellationToken);
        return groups.Select(g => new FailureGroupRow(g.Id, g.Title, g.RoutingKey, g.Failures, open.GetValueOrDefault(g.Id), g.FirstSeenAt, g.LastSeenAt))
            .Where(g => !onlyOpen || g.Open > 0)
            .OrderByDescending(g => g.Open).ThenByDescending(g => g.LastSeenAt)
            .ToList();
    }

    public async Task<Paged<EnvelopeRow>> EnvelopesAsync(EnvelopeFilter filter, int page, int pageSize, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var (total, atLeast) = await Filtered(db, filter).CountUpToLimitAsync(cancellationToken);
        var rows = await NewestFirst(db, filter, (page * pageSize) + pageSize).Skip(page * pageSize).Take(pageSize)
            .Select(e => new EnvelopeRow(e.Id, e.Kind, e.State, e.Archived, e.RoutingKey, e.StatusCode, e.ErrorType, e.ErrorName,
                e.ErrorMessage == null ? e.ParseError : e.ErrorMessage.Substring(0, 300), e.GroupId, e.GramAccountUuid, e.Email, e.SoftfailCount, e.NextTryAt,
                e.LastSeenAt, e.AssignedTo, e.Reruns))
            .ToListAsync(cancellationToken);
        return new Paged<EnvelopeRow>(rows, total, atLeast);
    }

    /// <summary>The ids a bulk action on "everything matching" applies to: at most <see cref="BoundedCount.Limit"/>, newest first.</summary>
    public async Task<IReadOnlyList<long>> IdsAsync(EnvelopeFilter filter, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await NewestFirst(db, filter, BoundedCount.Limit).Take(BoundedCount.Limit).Select(e => e.Id).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<string>> RoutingKeysAsync(CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.FailureGroups.Select(g => g.RoutingKey).Distinct().OrderBy(k => k).ToListAsync(cancellationToken);
    }

    public async Task<EnvelopeDetail?> EnvelopeAsync(long id, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var envelope = await db.ProvisioningEnvelopes.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (envelope is null)
        {
            return null;
        }

        var group = await db.FailureGroups.Where(g => g.Id == envelope.GroupId).Select(g => g.Title).SingleOrDefaultAsync(cancellationToken);
        var messages = await db.ProvisioningMessages.AsNoTracking().Where(m => m.EnvelopeId == id).OrderBy(m => m.Id).ToListAsync(cancellationToken);
        var request = envelope.RequestId is { } requestId
            ? messages.FirstOrDefault(m => m.Id == requestId) ?? await db.ProvisioningMessages.AsNoTracking().SingleOrDefaultAsync(m => m.Id == requestId, cancellationToken)
            : null;
        var activities = await db.EnvelopeActivities.AsNoTracking().Where(a => a.EnvelopeId == id).OrderBy(a => a.Id).ToListAsync(cancellationToken);
        var schemaErrors = request is not null && schemas.Knows(request.RoutingKey) ? schemas.Check(request.RoutingKey, request.Body) : [];
        return new EnvelopeDetail(envelope, group, request, EnvelopeTimeline.Of(messages, activities, request), ProvisioningGuidance.For(envelope.Kind, envelope.State, envelope.StatusCode, envelope.ErrorName),
            schemaErrors, request is not null && schemas.Knows(request.RoutingKey), await LaterSuccessAsync(db, envelope, cancellationToken),
            reruns.WhyNot(envelope, request), reruns.BrokerConfigured);
    }

    public IReadOnlyList<SchemaError> CheckBody(string routingKey, string body) => schemas.Check(routingKey, body);

    /// <summary>How many of these envelopes' accounts succeeded after the envelope failed (rerunning those would redo a fixed case).</summary>
    public async Task<IReadOnlyList<long>> WithLaterSuccessAsync(IReadOnlyList<long> ids, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.ProvisioningEnvelopes.Where(e => ids.Contains(e.Id) && e.GramAccountUuid != null
                && db.ProvisioningMessages.Any(m => m.GramAccountUuid == e.GramAccountUuid && m.Outcome == MessageOutcome.Success && m.ReceivedAt > e.LastSeenAt))
            .Select(e => e.Id).ToListAsync(cancellationToken);
    }

    public async Task<RerunResult> RerunAsync(ClaimsPrincipal caller, long id, string? editedBody, CancellationToken cancellationToken)
    {
        var action = editedBody is null ? AuditActions.EnvelopeRerun : AuditActions.EnvelopeEditedRerun;
        var actor = await guard.DemandAsync(caller, PortalRole.Operator, ApiKeyScopes.EnvelopesWrite, action, "envelope", Id(id), cancellationToken);
        var result = await reruns.RerunAsync(id, actor.Name, editedBody, cancellationToken);
        await audit.WriteAsync(new AuditRecord(actor, action, "envelope", Id(id), result.Published ? AuditResult.Success : AuditResult.Failure,
            result.Published ? $"published as message {result.MessageId}" : result.Problem), cancellationToken);
        return result;
    }

    /// <summary>
    /// Reruns envelopes one by one (<see cref="EnvelopeReruns"/> paces them), each authorised and audited, skipping those whose
    /// account succeeded since (rerunning those would redo a fixed case). Reports how many were done after each.
    /// </summary>
    public async Task<BulkRerunResult> RerunManyAsync(ClaimsPrincipal caller, IReadOnlyList<long> ids, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        var skip = (await WithLaterSuccessAsync(ids, cancellationToken)).ToHashSet();
        int sent = 0, refused = 0;
        string? lastProblem = null;
        foreach (var id in ids.Where(id => !skip.Contains(id)))
        {
            var result = await RerunAsync(caller, id, null, cancellationToken);
            (sent, refused, lastProblem) = result.Published ? (sent + 1, refused, lastProblem) : (sent, refused + 1, result.Problem);
            progress?.Report(sent + refused);
        }

        return new BulkRerunResult(sent, refused, skip.Count, lastProblem);
    }

    public Task<int> ResolveAsync(ClaimsPrincipal caller, IReadOnlyList<long> ids, string note, IProgress<int>? progress, CancellationToken cancellationToken) =>
        ActAsync(caller, ids, AuditActions.EnvelopeResolved, note, (e, actor, now) => e.State == EnvelopeState.Resolved ? null : e.Resolve(actor, note, now), progress, cancellationToken);

    public Task<int> ReopenAsync(ClaimsPrincipal caller, long id, CancellationToken cancellationToken) =>
        ActAsync(caller, [id], AuditActions.EnvelopeReopened, null, (e, actor, now) => e.State == EnvelopeState.Resolved ? e.Reopen(actor, now) : null, null, cancellationToken);

    public Task<int> ArchiveAsync(ClaimsPrincipal caller, IReadOnlyList<long> ids, string? note, IProgress<int>? progress, CancellationToken cancellationToken) =>
        ActAsync(caller, ids, AuditActions.EnvelopeArchived, note, (e, actor, now) => e.Archived ? null : e.Archive(actor, note, now), progress, cancellationToken);

    public Task<int> RestoreAsync(ClaimsPrincipal caller, IReadOnlyList<long> ids, CancellationToken cancellationToken) =>
        ActAsync(caller, ids, AuditActions.EnvelopeRestored, null, (e, actor, now) => e.Archived ? e.Restore(actor, now) : null, null, cancellationToken);

    public Task<int> AssignAsync(ClaimsPrincipal caller, long id, string? assignee, CancellationToken cancellationToken) =>
        ActAsync(caller, [id], AuditActions.EnvelopeAssigned, assignee, (e, actor, now) => e.Assign(actor, assignee, now), null, cancellationToken);

    public Task<int> TagAsync(ClaimsPrincipal caller, long id, IReadOnlyList<string> tags, CancellationToken cancellationToken) =>
        ActAsync(caller, [id], AuditActions.EnvelopeTagged, string.Join(", ", tags), (e, actor, now) => e.Tag(actor, tags, now), null, cancellationToken);

    public Task<int> AddNoteAsync(ClaimsPrincipal caller, long id, string note, CancellationToken cancellationToken) =>
        ActAsync(caller, [id], AuditActions.EnvelopeNoted, note, (e, actor, now) => EnvelopeActivity.Of(e.Id, actor, EnvelopeActivityKind.Note, note, now), null, cancellationToken);

    public async Task<ProvisioningSummary> SummaryAsync(CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var dayAgo = clock.GetUtcNow().UtcDateTime.AddDays(-1);
        var open = await OpenEnvelopes(db).CountAsync(cancellationToken);
        // LastSeenAt >= FirstSeenAt, so the second condition adds nothing but lets the count read the last day off the
        // (LastSeenAt, Id) index instead of every envelope (1.2 s at a year's 1,000,000).
        var recent = await db.ProvisioningEnvelopes.CountAsync(e => e.FirstSeenAt >= dayAgo && e.LastSeenAt >= dayAgo, cancellationToken);
        var groups = await GroupsAsync(onlyOpen: true, cancellationToken);
        var others = groups.Skip(DashboardGroups).ToList();
        return new ProvisioningSummary(open, recent, groups.Take(DashboardGroups).ToList(), others.Count, others.Sum(g => g.Open));
    }

    /// <summary>Applies a person's action to envelopes in chunks, with one activity each and one audit entry for the lot.</summary>
    private async Task<int> ActAsync(ClaimsPrincipal caller, IReadOnlyList<long> ids, string action, string? details,
        Func<ProvisioningEnvelope, string, DateTime, EnvelopeActivity?> act, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        if (details is { Length: > ProvisioningEnvelope.NoteMaxLength })
        {
            throw new FluentValidation.ValidationException([new FluentValidation.Results.ValidationFailure("note",
                $"A note is at most {ProvisioningEnvelope.NoteMaxLength} characters; this one has {details.Length}.")]);
        }

        var target = ids.Count == 1 ? Id(ids[0]) : $"{ids.Count} envelopes";
        var actor = await guard.DemandAsync(caller, PortalRole.Operator, ApiKeyScopes.EnvelopesWrite, action, "envelope", target, cancellationToken);
        var changed = 0;
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var chunk in ids.Chunk(ActionChunk))
        {
            db.ChangeTracker.Clear();
            var now = clock.GetUtcNow().UtcDateTime;
            foreach (var envelope in await db.ProvisioningEnvelopes.Where(e => chunk.Contains(e.Id)).ToListAsync(cancellationToken))
            {
                if (act(envelope, actor.Name, now) is { } activity)
                {
                    db.EnvelopeActivities.Add(activity);
                    changed++;
                }
            }

            await db.SaveChangesAsync(cancellationToken);
            progress?.Report(changed);
        }

        // The chunks and the one audit entry for the lot commit together.
        var summary = ids.Count == 1 ? details : $"{changed} of {ids.Count} envelopes ({string.Join(", ", ids.Take(20))}{(ids.Count > 20 ? ", …" : "")}){(details is null ? "" : ": " + details)}";
        db.Audit(new AuditRecord(actor, action, "envelope", target, Details: summary));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return changed;
    }

    private static IQueryable<ProvisioningEnvelope> OpenEnvelopes(SwitchboardDbContext db) => db.ProvisioningEnvelopes.WhereOpen();

    /// <summary>
    /// The envelopes matching <paramref name="filter"/>, newest first, of which at most the first <paramref name="upTo"/> are read.
    /// The open list (the page's default) is each open state's newest rows merged: SQLite cannot read "state in three
    /// states, newest first" off one index, and without exact statistics (those PRAGMA optimize gathers are sampled) it
    /// read every open envelope and sorted them — 300,000 at a year's 1,000,000, seconds per page. Each state's newest
    /// come off the (State, LastSeenAt, Id) index in order. A filter with an index of its own (group, status code, error
    /// type, routing key, search) reads that index instead, as before.
    /// </summary>
    private static IQueryable<ProvisioningEnvelope> NewestFirst(SwitchboardDbContext db, EnvelopeFilter filter, int upTo)
    {
        var open = filter.State is not (EnvelopeFilter.Archived or EnvelopeFilter.All) && !Enum.TryParse<EnvelopeState>(filter.State, out _);
        var indexed = filter.GroupId is not null || filter.StatusCode is not null || !string.IsNullOrWhiteSpace(filter.ErrorType)
            || !string.IsNullOrWhiteSpace(filter.RoutingKey) || !string.IsNullOrWhiteSpace(filter.Search);
        var query = open && !indexed
            ? ProvisioningEnvelope.OpenStates.Select(state => Filtered(db, filter with { State = state.ToString() }).OrderByDescending(e => e.LastSeenAt).ThenByDescending(e => e.Id).Take(upTo))
                .Aggregate((all, next) => all.Concat(next))
            : Filtered(db, filter);
        return query.OrderByDescending(e => e.LastSeenAt).ThenByDescending(e => e.Id);
    }

    private static IQueryable<ProvisioningEnvelope> Filtered(SwitchboardDbContext db, EnvelopeFilter filter)
    {
        var query = db.ProvisioningEnvelopes.AsNoTracking();
        query = filter.State switch
        {
            EnvelopeFilter.Open => OpenEnvelopes(db).AsNoTracking(),
            EnvelopeFilter.Archived => query.Where(e => e.Archived),
            EnvelopeFilter.All => query,
            _ when Enum.TryParse<EnvelopeState>(filter.State, out var state) => query.Where(e => e.State == state && !e.Archived),
            _ => OpenEnvelopes(db).AsNoTracking(),
        };
        if (filter.GroupId is { } group)
        {
            query = query.Where(e => e.GroupId == group);
        }

        if (filter.StatusCode is { } code)
        {
            query = query.Where(e => e.StatusCode == code);
        }

        if (!string.IsNullOrWhiteSpace(filter.ErrorType))
        {
            query = query.Where(e => e.ErrorType == filter.ErrorType);
        }

        if (!string.IsNullOrWhiteSpace(filter.RoutingKey))
        {
            query = query.Where(e => e.RoutingKey == filter.RoutingKey);
        }

        if (filter.From is { } from)
        {
            query = query.Where(e => e.LastSeenAt >= from);
        }

        if (filter.To is { } to)
        {
            query = query.Where(e => e.LastSeenAt < to);
        }

        if (filter.Search?.Trim() is { Length: > 0 } search)
        {
            // Exact matches on indexed columns: a UUID, an address, or a Google id.
            var lower = search.ToLowerInvariant();
            query = Guid.TryParse(search, out _) ? query.Where(e => e.GramAccountUuid == lower)
                : search.Contains('@', StringComparison.Ordinal) ? query.Where(e => e.Email == lower)
                : query.Where(e => e.GoogleId == search);
        }

        return query;
    }

    private static async Task<DateTime?> LaterSuccessAsync(SwitchboardDbContext db, ProvisioningEnvelope envelope, CancellationToken cancellationToken)
    {
        if (envelope.GramAccountUuid is not { } account)
        {
            return null;
        }

        return await db.ProvisioningMessages
            .Where(m => m.GramAccountUuid == account && m.Outcome == MessageOutcome.Success && m.ReceivedAt > envelope.LastSeenAt)
            .OrderBy(m => m.ReceivedAt).Select(m => (DateTime?)m.ReceivedAt).FirstOrDefaultAsync(cancellationToken);
    }

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
