using System.Globalization;
using System.Security.Claims;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Switchboard.Domain;
using Switchboard.Domain.Access;
using Switchboard.Domain.ApiKeys;
using Switchboard.Domain.Audit;
using Switchboard.Domain.ChatOps;
using Switchboard.Domain.Text;
using Switchboard.Infrastructure.Access;
using Switchboard.Infrastructure.Audit;
using Switchboard.Infrastructure.ChatOps;
using Switchboard.Infrastructure.People;
using Switchboard.Infrastructure.Persistence;

namespace Switchboard.Infrastructure.ChatOps;

/// <summary>The ChatOps page: bridges (Admin), their connection test, the call log and Retry (Operator), authorised and audited.</summary>
public sealed class ChatOpsService(
    IDbContextFactory<SwitchboardDbContext> contextFactory,
    BridgeSecrets secrets,
    TicketSender sender,
    IValidator<BridgeForm> validator,
    AccessGuard guard,
    IAuditLog audit,
    AccountOwners accountOwners,
    TimeProvider clock)
{
    /// <summary>The object type of a call in the audit trail (its id is the call's).</summary>
    public const string CallObjectType = "bridge-call";

    /// <summary>The most audit entries a call's page lists (a call is retried a handful of times).</summary>
    public const int MaxCallAuditEntries = 100;

    public async Task<IReadOnlyList<BridgeRow>> BridgesAsync(CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var since = clock.GetUtcNow().UtcDateTime.AddDays(-30);
        return await db.Bridges.AsNoTracking().OrderBy(b => b.Name)
            .Select(b => new BridgeRow(b.Id, b.Name, b.TriggerWords, b.GlpiUrl, b.Enabled,
                db.BridgeCalls.Where(c => c.BridgeId == b.Id).Max(c => (DateTime?)c.ReceivedAt),
                db.BridgeCalls.Count(c => c.BridgeId == b.Id && c.ReceivedAt >= since),
                db.BridgeCalls.Count(c => c.BridgeId == b.Id && c.ReceivedAt >= since && c.Status == CallStatus.Created),
                db.BridgeCalls.Count(c => c.BridgeId == b.Id && c.ReceivedAt >= since && c.Status == CallStatus.Failed)))
            .ToListAsync(cancellationToken);
    }

    public async Task<BridgeForm?> FormAsync(string name, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Bridges.AsNoTracking().SingleOrDefaultAsync(b => b.Name == name, cancellationToken) is { } bridge ? BridgeForm.Of(bridge) : null;
    }

    /// <summary>Creates (<paramref name="existing"/> null) or updates a bridge; secrets are encrypted, never written to the audit trail.</summary>
    public async Task<string> SaveAsync(ClaimsPrincipal caller, string? existing, BridgeForm form, CancellationToken cancellationToken)
    {
        var action = existing is null ? AuditActions.BridgeCreated : AuditActions.BridgeUpdated;
        var actor = await guard.DemandAsync(caller, PortalRole.Admin, ApiKeyScopes.ConfigWrite, action, "bridge", existing ?? form.Name, cancellationToken);
        form.HasStoredSecrets = existing is not null;
        await validator.ValidateAndThrowAsync(form, cancellationToken);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var protectedSecrets = secrets.Protect(form.TokenList, form.AppToken, form.UserToken);
        Bridge bridge;
        object? before = null;
        if (existing is null)
        {
            bridge = Bridge.Create(form.Settings(), protectedSecrets, now);
            db.Bridges.Add(bridge);
        }
        else
        {
            bridge = await db.Bridges.SingleOrDefaultAsync(b => b.Name == existing, cancellationToken) ?? throw new NotFoundException($"There is no bridge '{existing}'.");
            before = Described(bridge);
            bridge.Update(form.Settings(), protectedSecrets, now);
        }

        var name = bridge.Name;
        if (await db.Bridges.AnyAsync(b => b.Name == name && b.Id != bridge.Id, cancellationToken))
        {
            throw new ValidationException([new FluentValidation.Results.ValidationFailure(nameof(BridgeForm.Name), "Another bridge has this name.")]);
        }

        var replaced = new[] { ("webhook tokens", form.TokenList.Count > 0), ("App-Token", !string.IsNullOrWhiteSpace(form.AppToken)), ("user_token", !string.IsNullOrWhiteSpace(form.UserToken)) }
            .Where(s => s.Item2).Select(s => s.Item1).ToList();
        db.Audit(new AuditRecord(actor, action, "bridge", bridge.Name,
            Details: AuditDiff.Between(before, Described(bridge)) + (replaced.Count == 0 ? "" : $" (secrets set: {string.Join(", ", replaced)})")));
        await db.SaveChangesAsync(cancellationToken);
        return bridge.Name;
    }

    public async Task DeleteAsync(ClaimsPrincipal caller, string name, CancellationToken cancellationToken)
    {
        var actor = await guard.DemandAsync(caller, PortalRole.Admin, ApiKeyScopes.ConfigWrite, AuditActions.BridgeDeleted, "bridge", name, cancellationToken);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var bridge = await db.Bridges.SingleAsync(b => b.Name == name, cancellationToken);
        db.Bridges.Remove(bridge);
        db.Audit(new AuditRecord(actor, AuditActions.BridgeDeleted, "bridge", name, Details: AuditDiff.Between(Described(bridge), null)));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>initSession + killSession with the form's GLPI settings (the stored secrets where the form leaves them blank).</summary>
    public async Task<(bool Ok, string Message)> TestConnectionAsync(ClaimsPrincipal caller, string? existing, BridgeForm form, CancellationToken cancellationToken)
    {
        var actor = await guard.DemandAsync(caller, PortalRole.Admin, ApiKeyScopes.ConfigWrite, AuditActions.BridgeConnectionTested, "bridge", existing ?? form.Name, cancellationToken);
        GlpiCredentials stored = new(form.GlpiUrl, null, null);
        if (existing is not null)
        {
            await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
            if (await db.Bridges.AsNoTracking().SingleOrDefaultAsync(b => b.Name == existing, cancellationToken) is { } bridge)
            {
                stored = secrets.GlpiOf(bridge);
            }
        }

        var credentials = new GlpiCredentials(form.GlpiUrl, string.IsNullOrWhiteSpace(form.AppToken) ? stored.AppToken : form.AppToken.Trim(),
            string.IsNullOrWhiteSpace(form.UserToken) ? stored.UserToken : form.UserToken.Trim());
        (bool, string) result;
        try
        {
            result = (true, await sender.TestConnectionAsync(credentials, cancellationToken));
        }
        catch (GlpiException failed)
        {
            result = (false, $"{failed.Code}: {failed.Message}");
        }

        await audit.WriteAsync(new AuditRecord(actor, AuditActions.BridgeConnectionTested, "bridge", existing ?? form.Name, result.Item1 ? AuditResult.Success : AuditResult.Failure, result.Item2), cancellationToken);
        return result;
    }

    public async Task<Paged<CallRow>> CallsAsync(CallFilter filter, int page, int pageSize, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var calls = db.BridgeCalls.AsNoTracking();
        if (filter.BridgeId is { } bridge)
        {
            calls = calls.Where(c => c.BridgeId == bridge);
        }

        if (filter.Status is { } status)
        {
            calls = calls.Where(c => c.Status == status);
        }

        if (!string.IsNullOrWhiteSpace(filter.User))
        {
            calls = calls.Where(c => c.UserName == filter.User.Trim());
        }

        var (total, atLeast) = await calls.CountUpToLimitAsync(cancellationToken);
        var rows = await calls.OrderByDescending(c => c.ReceivedAt).ThenByDescending(c => c.Id).Skip(page * pageSize).Take(pageSize)
            .Join(db.Bridges, c => c.BridgeId, b => b.Id, (c, b) => new
            {
                Row = new CallRow(c.Id, b.Name, c.PostId, c.UserName, c.ChannelName, c.Text, c.ReceivedAt, c.Status,
                    c.TicketId, c.ErrorCode, c.ErrorMessage, c.Attempts, c.NextAttemptAt, c.GlpiMilliseconds, c.ReplyMilliseconds, null, null),
                c.UserId,
                b.GlpiUrl,
            })
            .ToListAsync(cancellationToken);
        var owners = await accountOwners.OfChatUsersAsync(rows.Select(r => (r.Row.UserName, r.UserId)).ToList(), cancellationToken);
        return new Paged<CallRow>(rows.Select(r => r.Row with
        {
            TicketUrl = r.Row.TicketId is { } ticket ? Bridge.TicketUrl(r.GlpiUrl, ticket) : null,
            Person = owners.GetValueOrDefault((r.Row.UserName, r.UserId)),
        }).ToList(), total, atLeast);
    }

    /// <summary>One call with its ticket link and its person; null when there is no such call.</summary>
    public async Task<CallDetail?> CallAsync(long id, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var found = await db.BridgeCalls.AsNoTracking().Where(c => c.Id == id)
            .Join(db.Bridges, c => c.BridgeId, b => b.Id, (c, b) => new { Call = c, Bridge = b.Name, b.GlpiUrl })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return null;
        }

        var c = found.Call;
        var owners = await accountOwners.OfChatUsersAsync([(c.UserName, c.UserId)], cancellationToken);
        var row = new CallRow(c.Id, found.Bridge, c.PostId, c.UserName, c.ChannelName, c.Text, c.ReceivedAt, c.Status, c.TicketId, c.ErrorCode,
            c.ErrorMessage, c.Attempts, c.NextAttemptAt, c.GlpiMilliseconds, c.ReplyMilliseconds,
            c.TicketId is { } ticket ? Bridge.TicketUrl(found.GlpiUrl, ticket) : null, owners.GetValueOrDefault((c.UserName, c.UserId)));
        return new CallDetail(row, c.UserId, c.TeamDomain, c.TriggerWord, c.CompletedAt);
    }

    /// <summary>
    /// The audit entries about one call, newest first (at most <see cref="MaxCallAuditEntries"/>), for the call's page. Kept
    /// apart from <see cref="CallAsync"/> so the machine API's call answer (config:read) carries no audit entries, which
    /// it gates by audit:read (<c>/api/audit?objectType=bridge-call&amp;objectId=…</c>).
    /// </summary>
    public async Task<IReadOnlyList<AuditEntryView>> CallAuditAsync(long id, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var objectId = id.ToString(CultureInfo.InvariantCulture);
        return await db.AuditEntries.AsNoTracking()
            .Where(e => e.ObjectType == CallObjectType && e.ObjectId == objectId)
            .OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Take(MaxCallAuditEntries)
            .Select(e => new AuditEntryView(e.Id, e.At, e.Actor, e.ActorKind, e.Action, e.ObjectType, e.ObjectId, e.Result, e.Details))
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Sends failed calls again now (Operator); a call already being sent or already done is left alone. Each call sent
    /// is audited with its outcome in the same save as the call.
    /// </summary>
    public async Task<(int Created, int Failed)> RetryAsync(ClaimsPrincipal caller, IReadOnlyList<long> ids, CancellationToken cancellationToken)
    {
        var target = ids.Count == 1 ? ids[0].ToString(CultureInfo.InvariantCulture) : $"{ids.Count} calls";
        var actor = await guard.DemandAsync(caller, PortalRole.Operator, ApiKeyScopes.JobsRun, AuditActions.BridgeCallRetried, CallObjectType, target, cancellationToken);
        int created = 0, failed = 0;
        foreach (var id in ids)
        {
            switch (await sender.SendAsync(id, cancellationToken, retriedBy: actor))
            {
                case CallStatus.Created:
                    created++;
                    break;
                case CallStatus.Failed:
                    failed++;
                    break;
            }
        }

        return (created, failed);
    }

    public async Task<ChatOpsSummary> SummaryAsync(CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var today = clock.GetUtcNow().UtcDateTime.Date;
        return new ChatOpsSummary(
            await db.BridgeCalls.CountAsync(c => c.Status == CallStatus.Created && c.CompletedAt >= today, cancellationToken),
            await db.BridgeCalls.CountAsync(c => c.Status == CallStatus.Failed, cancellationToken));
    }

    private static object Described(Bridge b) => new
    {
        b.Name,
        TriggerWords = string.Join(", ", b.TriggerWords),
        b.GlpiUrl,
        b.RequestSourceId,
        b.TicketType,
        b.Urgency,
        b.CategoryId,
        b.SuccessReply,
        b.FailureReply,
        b.Enabled,
        b.WebhookTokenCount,
    };
}
