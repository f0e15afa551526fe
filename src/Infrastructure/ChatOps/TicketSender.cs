using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.Domain.Audit;
using Switchboard.Domain.ChatOps;
using Switchboard.Infrastructure.Persistence;
using Switchboard.Infrastructure.Telemetry;

namespace Switchboard.Infrastructure.ChatOps;

/// <summary>
/// Opens the GLPI ticket of one recorded call: claims the call (so no second sender creates a ticket for the same post),
/// opens a session, creates the ticket, always kills the session, and records the outcome. A failure is retried with
/// exponential back-off from <c>ChatOps:FirstRetryDelay</c>, at most <c>ChatOps:MaxAttempts</c> times; after that only an
/// Operator's Retry sends it again (<see cref="ChatOpsOptions.Retries"/>). When the previous attempt's outcome is unknown (GLPI may have opened the ticket and
/// then timed out, broken the connection or answered 5xx; or the portal stopped while sending), GLPI is first asked for
/// a ticket holding the post id, and a ticket found is adopted instead of opening a second one.
/// </summary>
public sealed partial class TicketSender(
    IDbContextFactory<SwitchboardDbContext> contextFactory, GlpiClient glpi, BridgeSecrets secrets, BridgeCallOutcomes outcomes, IOptions<ChatOpsOptions> options,
    TimeProvider clock, SwitchboardMetrics metrics, ILogger<TicketSender> logger)
{
    /// <summary>Sends one call now, if no one else is; null when it was already sent or is being sent.</summary>
    /// <param name="retriedBy">The person retrying it: their retry and its outcome are audited in the same save as the call.</param>
    public async Task<CallStatus?> SendAsync(long callId, CancellationToken cancellationToken, Actor? retriedBy = null)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        var lease = now + settings.GlpiTimeout * 4;
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        // The senders' one claim pattern (as the outbox's): a conditional UPDATE … RETURNING that takes the call only while no
        // one else holds it; a database that re-checks a row changed meanwhile (PostgreSQL) lets only one sender have it.
        var claimed = await db.Database.SqlQuery<long>(
            $"""
            UPDATE "BridgeCalls" SET "LeaseUntil" = {lease}, "Attempts" = "Attempts" + 1
            WHERE "Id" = {callId} AND "Status" IN ('Pending', 'Failed') AND ("LeaseUntil" IS NULL OR "LeaseUntil" < {now})
            RETURNING "Id" AS "Value"
            """).ToListAsync(cancellationToken);
        if (claimed.Count == 0)
        {
            return null;
        }

        var call = await db.BridgeCalls.SingleAsync(c => c.Id == callId, cancellationToken);
        var bridge = await db.Bridges.AsNoTracking().SingleAsync(b => b.Id == call.BridgeId, cancellationToken);

        // The claim counted this attempt: a pending call with an earlier attempt was left while GLPI was being called.
        var mayExist = call.Status == CallStatus.Pending ? call.Attempts > 1 : GlpiException.OutcomeUnknown(call.ErrorCode);
        var timer = Stopwatch.StartNew();
        try
        {
            var ticket = await OpenTicketAsync(bridge, call, mayExist, cancellationToken);
            call.MarkCreated(ticket, (int)timer.ElapsedMilliseconds, clock.GetUtcNow().UtcDateTime);
            LogCreated(logger, bridge.Name, ticket, call.PostId);
        }
        catch (GlpiException failed)
        {
            call.MarkFailed(failed.Code, failed.Message, (int)timer.ElapsedMilliseconds, clock.GetUtcNow().UtcDateTime, settings.Retries);
            LogFailed(logger, bridge.Name, call.PostId, failed.Code, call.Attempts);
        }

        if (retriedBy is not null)
        {
            db.Audit(new AuditRecord(retriedBy, AuditActions.BridgeCallRetried, ChatOpsService.CallObjectType, callId.ToString(CultureInfo.InvariantCulture),
                call.Status == CallStatus.Created ? AuditResult.Success : AuditResult.Failure,
                call.Status == CallStatus.Created ? $"ticket {call.TicketId} opened on bridge {bridge.Name}" : $"failed again on bridge {bridge.Name}: {call.ErrorCode}"));
        }

        await db.SaveChangesAsync(CancellationToken.None);
        metrics.ChatOpsCall(call.Status);
        outcomes.Stored(callId);
        return call.Status;
    }

    /// <summary>initSession and killSession only: whether the bridge's GLPI settings work.</summary>
    public async Task<string> TestConnectionAsync(GlpiCredentials credentials, CancellationToken cancellationToken)
    {
        var timer = Stopwatch.StartNew();
        var session = await glpi.InitSessionAsync(credentials, cancellationToken);
        await glpi.KillSessionAsync(credentials, session, cancellationToken);
        return $"GLPI accepted the App-Token and user_token (session opened and closed in {timer.ElapsedMilliseconds} ms).";
    }

    private async Task<long> OpenTicketAsync(Bridge bridge, BridgeCall call, bool mayExist, CancellationToken cancellationToken)
    {
        var credentials = secrets.GlpiOf(bridge);
        var session = await glpi.InitSessionAsync(credentials, cancellationToken);
        try
        {
            if (mayExist && await FindEarlierTicketAsync(credentials, session, call, cancellationToken) is { } earlier)
            {
                LogAdopted(logger, bridge.Name, earlier, call.PostId);
                return earlier;
            }

            var input = new Dictionary<string, object>
            {
                ["name"] = call.TicketName(),
                ["content"] = call.TicketContent(),
                ["requesttypes_id"] = bridge.RequestSourceId,
                ["type"] = (int)bridge.TicketType,
            };
            if (bridge.Urgency is { } urgency)
            {
                input["urgency"] = urgency;
            }

            if (bridge.CategoryId is { } category)
            {
                input["itilcategories_id"] = category;
            }

            return await glpi.CreateTicketAsync(credentials, session, input, cancellationToken);
        }
        finally
        {
            try
            {
                await glpi.KillSessionAsync(credentials, session, CancellationToken.None);
            }
            catch (GlpiException notKilled)
            {
                LogSessionNotKilled(logger, bridge.Name, notKilled.Code);
            }
        }
    }

    /// <summary>The ticket an earlier attempt may have opened: its description ends with the post id (<see cref="BridgeCall.TicketContent"/>).</summary>
    private async Task<long?> FindEarlierTicketAsync(GlpiCredentials credentials, string session, BridgeCall call, CancellationToken cancellationToken)
    {
        try
        {
            return await glpi.FindTicketAsync(credentials, session, call.TicketMarker(), cancellationToken);
        }
        catch (GlpiException failed)
        {
            // Not knowing whether the ticket exists, creating one could make a second: try again later instead.
            throw new GlpiException(GlpiException.LookupFailed,
                $"Could not check whether an earlier attempt opened the ticket ({failed.Code}: {failed.Message}); none created meanwhile.", failed.Status);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "[ChatOps] Bridge {Bridge}: ticket {Ticket}, opened by an earlier attempt whose answer was lost, adopted for post {PostId}")]
    private static partial void LogAdopted(ILogger logger, string bridge, long ticket, string postId);

    [LoggerMessage(Level = LogLevel.Information, Message = "[ChatOps] Bridge {Bridge}: ticket {Ticket} opened for post {PostId}")]
    private static partial void LogCreated(ILogger logger, string bridge, long ticket, string postId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "[ChatOps] Bridge {Bridge}: GLPI failed for post {PostId} ({Code}), attempt {Attempt}")]
    private static partial void LogFailed(ILogger logger, string bridge, string postId, string code, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "[ChatOps] Bridge {Bridge}: killSession failed ({Code})")]
    private static partial void LogSessionNotKilled(ILogger logger, string bridge, string code);
}
