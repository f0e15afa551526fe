using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Switchboard.Domain.Audit;
using Switchboard.Domain.ChatOps;
using Switchboard.Infrastructure.Audit;
using Switchboard.Infrastructure.Jobs;
using Switchboard.Infrastructure.Persistence;

namespace Switchboard.Infrastructure.ChatOps;

/// <summary>
/// One call of a bridge's Mattermost outgoing webhook, from the post read off the request to the answer. The token is
/// checked in constant time: otherwise 401 and an audit entry folded per bridge and minute, or 429 with nothing written
/// once the source has had <c>ChatOps:RejectedCallsPerSourcePerMinute</c> rejections. The call is stored before GLPI is
/// called; the ChatOps job (<see cref="BridgeCallRetryJob"/>) is asked to send it at once, and Mattermost gets its answer
/// as soon as the outcome is stored (<see cref="BridgeCallOutcomes"/>) or after <c>ChatOps:ReplyWithin</c>, whichever
/// comes first; a GLPI still busy then finishes in that job.
/// </summary>
public sealed class BridgeWebhook(
    IDbContextFactory<SwitchboardDbContext> contexts, BridgeSecrets secrets, ChatOpsRateLimits limits, RepeatedAuditLog audit, JobRegistry jobs,
    BridgeCallOutcomes outcomes, IOptions<ChatOpsOptions> options, TimeProvider clock)
{
    /// <param name="bridge">The bridge's name from the address.</param>
    /// <param name="post">The webhook's payload, fields already cut to Mattermost's sizes.</param>
    /// <param name="source">The caller's address, for the rejected-call limit and the audit trail.</param>
    public async Task<WebhookAnswer> ReceiveAsync(string bridge, WebhookPost post, string source, CancellationToken cancellationToken)
    {
        var timer = Stopwatch.StartNew();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var name = bridge.ToLowerInvariant();
        var found = await db.Bridges.AsNoTracking().SingleOrDefaultAsync(b => b.Name == name && b.Enabled, cancellationToken);
        if (found is null || !secrets.Accepts(found, post.Token))
        {
            if (limits.RefuseRejected(source))
            {
                return WebhookAnswer.Refusal(429, "Too many requests", "Too many rejected calls from this address; wait a minute.");
            }

            // Unknown names share one entry (an attacker chooses them); the name asked for is kept short in the details.
            var why = found is null ? $"no enabled bridge named '{(name.Length > WebhookPost.FieldMaxLength ? name[..WebhookPost.FieldMaxLength] + "…" : name)}'" : "wrong or missing token";
            await audit.WriteAsync(new AuditRecord(new Actor("mattermost-webhook", ActorKind.System), AuditActions.BridgeCallRejected, "bridge", found?.Name, AuditResult.Denied,
                $"{why}; from {source}, user {post.UserName}"), cancellationToken);
            return WebhookAnswer.Refusal(401, "Not accepted", "The token does not match this bridge's outgoing webhook.");
        }

        if (post.PostId.Length == 0)
        {
            return WebhookAnswer.Refusal(400, "Incomplete payload", "post_id is missing: it identifies the request.");
        }

        var (trigger, text) = TriggerWords.Strip(post.Text, found.TriggerWords);
        var call = BridgeCall.Receive(found.Id, post, trigger ?? post.TriggerWord, text, clock.GetUtcNow().UtcDateTime);
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            if (await limits.RefuseAsync(db, found, post.UserName, cancellationToken) is { } who)
            {
                return WebhookAnswer.Reply($"Too many requests from {who} in the last minute; please wait a moment and try again.", 429);
            }

            db.BridgeCalls.Add(call);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            catch (DbUpdateException ex) when (StorageErrors.IsUniqueViolation(ex))
            {
                // The same post again (Mattermost retried, or someone replayed it, maybe at another instance): never a second ticket.
                return WebhookAnswer.Reply(await EarlierReplyAsync(found, post.PostId, cancellationToken));
            }
        }

        if (call.Status == CallStatus.Empty)
        {
            var word = trigger ?? (found.TriggerWords.Count > 0 ? found.TriggerWords[0] : "");
            return WebhookAnswer.Reply($"Write what you need after the trigger word, e.g. `{word} the printer on floor 2 is jammed`, and a ticket is opened for you.");
        }

        var finished = await SendAndWaitAsync(call.Id, cancellationToken);
        await using var after = await contexts.CreateDbContextAsync(cancellationToken);
        var outcome = await after.BridgeCalls.SingleAsync(c => c.Id == call.Id, cancellationToken);
        outcome.RecordReply((int)timer.ElapsedMilliseconds);
        await after.SaveChangesAsync(cancellationToken);
        return WebhookAnswer.Reply(finished && outcome.TicketId is { } id
            ? found.SuccessText(id, found.TicketUrl(id), call.Id)
            : finished && outcome.Status == CallStatus.Failed
                ? found.FailureText(call.Id)
                : $"Your request is recorded (reference {call.Id}); GLPI is slow to answer, the ticket is being opened in the background.");
    }

    /// <summary>
    /// Wakes the sender and waits for the call's first outcome, which this instance's sender or another instance's
    /// (when it holds the sender's lock) stores: each notice is checked against the stored call.
    /// </summary>
    /// <returns>Whether the call's outcome was stored within <c>ChatOps:ReplyWithin</c>.</returns>
    private async Task<bool> SendAndWaitAsync(long callId, CancellationToken cancellationToken)
    {
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var replyDue = Task.Delay(options.Value.ReplyWithin, clock, waiting.Token);
        try
        {
            jobs.Find(BridgeCallRetryJob.Name)?.RequestRun();
            while (true)
            {
                var notice = outcomes.Watch(callId);
                if (await OutcomeStoredAsync(callId, cancellationToken))
                {
                    return true;
                }

                if (await Task.WhenAny(notice, replyDue) == replyDue)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    return false;
                }
            }
        }
        finally
        {
            outcomes.StopWatching(callId);
            await waiting.CancelAsync();
        }
    }

    private async Task<bool> OutcomeStoredAsync(long callId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.BridgeCalls.AnyAsync(c => c.Id == callId && c.Status != CallStatus.Pending, cancellationToken);
    }

    private async Task<string> EarlierReplyAsync(Bridge bridge, string postId, CancellationToken cancellationToken)
    {
        await using var earlier = await contexts.CreateDbContextAsync(cancellationToken);
        var first = await earlier.BridgeCalls.AsNoTracking().SingleAsync(c => c.BridgeId == bridge.Id && c.PostId == postId, cancellationToken);
        return first.TicketId is { } ticket
            ? bridge.SuccessText(ticket, bridge.TicketUrl(ticket), first.Id)
            : $"This request is already recorded (reference {first.Id}) and being handled.";
    }
}
