using System.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Switchboard.Domain.Audit;
using Switchboard.Domain.ChatOps;
using Switchboard.Infrastructure.Audit;
using Switchboard.Infrastructure.ChatOps;
using Switchboard.Infrastructure.Persistence;

namespace Switchboard.Portal.Features.ChatOps;

/// <summary>
/// <c>POST /hooks/mattermost/{bridge}</c>: Mattermost's outgoing webhook. The body is read up to
/// <c>ChatOps:MaxHookBodyBytes</c> (413 beyond) and its fields cut to Mattermost's sizes. The token is checked in constant
/// time: otherwise 401 and an audit entry folded per bridge and minute, or 429 with nothing written once the source has
/// had <c>ChatOps:RejectedCallsPerSourcePerMinute</c> rejections. The call is recorded before GLPI is called, and
/// Mattermost gets its answer within <c>ChatOps:ReplyWithin</c> even when GLPI is slow (the ticket is then finished in
/// the background).
/// </summary>
public static class MattermostHook
{
    public const string PathPrefix = "/hooks/mattermost";

    public static string UrlOf(string portalBase, string bridge) => $"{portalBase.TrimEnd('/')}{PathPrefix}/{bridge}";

    public static void MapMattermostHook(this IEndpointRouteBuilder app) =>
        app.MapPost(PathPrefix + "/{bridge}", HandleAsync).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();

    private static async Task<Results<Ok<HookReply>, JsonHttpResult<HookReply>, ProblemHttpResult>> HandleAsync(
        string bridge, HttpContext context, IDbContextFactory<SwitchboardDbContext> contexts, BridgeSecrets secrets, ChatOpsRateLimits limits,
        TicketSender sender, RepeatedAuditLog audit, IOptions<ChatOpsOptions> options, TimeProvider clock, IHostApplicationLifetime lifetime, CancellationToken cancellationToken)
    {
        var timer = Stopwatch.StartNew();
        var read = await WebhookPostReader.ReadAsync(context.Request, options.Value.MaxHookBodyBytes, cancellationToken);
        if (read.Post is not { } post)
        {
            return read.RefusedWith == StatusCodes.Status413PayloadTooLarge
                ? TypedResults.Problem($"The body is larger than {options.Value.MaxHookBodyBytes / 1024} KiB; a Mattermost outgoing-webhook payload is far smaller.",
                    statusCode: StatusCodes.Status413PayloadTooLarge, title: "Payload too large")
                : TypedResults.Problem("Send Mattermost's outgoing-webhook payload as application/json or application/x-www-form-urlencoded.",
                    statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported payload");
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var name = bridge.ToLowerInvariant();
        var found = await db.Bridges.AsNoTracking().SingleOrDefaultAsync(b => b.Name == name && b.Enabled, cancellationToken);
        if (found is null || !secrets.Accepts(found, post.Token))
        {
            var source = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
            if (limits.RefuseRejected(source))
            {
                return TypedResults.Problem("Too many rejected calls from this address; wait a minute.", statusCode: StatusCodes.Status429TooManyRequests,
                    title: "Too many requests");
            }

            // Unknown names share one entry (an attacker chooses them); the name asked for is kept short in the details.
            var why = found is null ? $"no enabled bridge named '{(name.Length > WebhookPost.FieldMaxLength ? name[..WebhookPost.FieldMaxLength] + "…" : name)}'" : "wrong or missing token";
            await audit.WriteAsync(new AuditRecord(new Actor("mattermost-webhook", ActorKind.System), AuditActions.BridgeCallRejected, "bridge", found?.Name, AuditResult.Denied,
                $"{why}; from {source}, user {post.UserName}"), cancellationToken);
            return TypedResults.Problem("The token does not match this bridge's outgoing webhook.", statusCode: StatusCodes.Status401Unauthorized, title: "Not accepted");
        }

        if (post.PostId.Length == 0)
        {
            return TypedResults.Problem("post_id is missing: it identifies the request.", statusCode: StatusCodes.Status400BadRequest, title: "Incomplete payload");
        }

        if (limits.Refuse(found.Name, post.UserName) is { } who)
        {
            return TypedResults.Json(HookReply.Comment($"Too many requests from {who} in the last minute; please wait a moment and try again."),
                statusCode: StatusCodes.Status429TooManyRequests);
        }

        var (trigger, text) = TriggerWords.Strip(post.Text, found.TriggerWords);
        var call = BridgeCall.Receive(found.Id, post, trigger ?? post.TriggerWord, text, clock.GetUtcNow().UtcDateTime);
        db.BridgeCalls.Add(call);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same post again (Mattermost retried, or someone replayed it): never a second ticket.
            var earlier = await contexts.CreateDbContextAsync(cancellationToken);
            await using (earlier)
            {
                var first = await earlier.BridgeCalls.AsNoTracking().SingleAsync(c => c.BridgeId == found.Id && c.PostId == post.PostId, cancellationToken);
                return TypedResults.Ok(HookReply.Comment(first.TicketId is { } ticket
                    ? found.SuccessText(ticket, found.TicketUrl(ticket), first.Id)
                    : $"This request is already recorded (reference {first.Id}) and being handled."));
            }
        }

        if (call.Status == CallStatus.Empty)
        {
            var word = trigger ?? (found.TriggerWords.Count > 0 ? found.TriggerWords[0] : "");
            return TypedResults.Ok(HookReply.Comment($"Write what you need after the trigger word, e.g. `{word} the printer on floor 2 is jammed`, and a ticket is opened for you."));
        }

        // The ticket is opened outside this request, so that a slow GLPI does not hold Mattermost's answer.
        var work = Task.Run(() => sender.SendAsync(call.Id, lifetime.ApplicationStopping), CancellationToken.None);
        var finished = await Task.WhenAny(work, Task.Delay(options.Value.ReplyWithin, cancellationToken)) == work;
        await using var after = await contexts.CreateDbContextAsync(cancellationToken);
        var outcome = await after.BridgeCalls.SingleAsync(c => c.Id == call.Id, cancellationToken);
        outcome.RecordReply((int)timer.ElapsedMilliseconds);
        await after.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(HookReply.Comment(finished && outcome.TicketId is { } id
            ? found.SuccessText(id, found.TicketUrl(id), call.Id)
            : finished && outcome.Status == CallStatus.Failed
                ? found.FailureText(call.Id)
                : $"Your request is recorded (reference {call.Id}); GLPI is slow to answer, the ticket is being opened in the background."));
    }
}
