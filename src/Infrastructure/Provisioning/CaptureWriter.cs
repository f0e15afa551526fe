using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Switchboard.Domain.Provisioning;
using Switchboard.Infrastructure.Changes;
using Switchboard.Infrastructure.Persistence;

namespace Switchboard.Infrastructure.Provisioning;

/// <summary>
/// Stores a batch of read messages in one transaction with prepared commands: requests are kept for reruns, failures
/// become (or update) the envelope of their request, a later success closes it, unreadable messages become envelopes of
/// their own. A message stored before (a redelivery after a broker restart, or a copy arriving on two exchanges) is
/// recognised by its dedupe key and changes nothing. Events and informational logs are not Switchboard's to keep.
/// </summary>
public sealed class CaptureWriter(IDbContextFactory<SwitchboardDbContext> contextFactory)
{
    public async Task<CaptureSummary> StoreAsync(IReadOnlyList<CapturedMessage> messages, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await using var commands = new CaptureCommands(db.Database.GetDbConnection(), transaction.GetDbTransaction());
        int stored = 0, duplicates = 0, ignored = 0;
        var envelopes = new List<long>();
        foreach (var message in messages)
        {
            if (!message.Unreadable && (message.Kind == MessageKind.Event || (message.Kind == MessageKind.Log && message.Outcome == MessageOutcome.None)))
            {
                ignored++;
                continue;
            }

            var envelopeId = await StoreAsync(commands, message, cancellationToken);
            if (envelopeId is null)
            {
                duplicates++;
                continue;
            }

            stored++;
            if (envelopeId > 0)
            {
                envelopes.Add(envelopeId.Value);
            }
        }

        db.Touched(ChangeKind.Envelope);
        await transaction.CommitAsync(cancellationToken);
        return new CaptureSummary(stored, duplicates, ignored, envelopes);
    }

    /// <returns>Null for a duplicate; the envelope the message created or changed, or 0 when it touched none.</returns>
    private static async Task<long?> StoreAsync(CaptureCommands sql, CapturedMessage message, CancellationToken cancellationToken)
    {
        if (message.Unreadable)
        {
            return await sql.InsertMessageAsync(message, null, AccountKeys.None, cancellationToken)
                ? await sql.InsertUnreadableAsync(message, cancellationToken)
                : null;
        }

        var request = message.CorrelationId is { } correlation && message.Kind != MessageKind.Request
            ? await sql.FindRequestAsync(correlation, cancellationToken)
            : null;
        switch (message.Kind, message.Outcome)
        {
            case (MessageKind.Request, _):
                if (!await sql.InsertMessageAsync(message, null, message.Account, cancellationToken))
                {
                    return null;
                }

                return await sql.AttachLateRequestAsync(message, cancellationToken) ?? 0;

            case (_, MessageOutcome.Success):
                // A stored request knows its envelope; only a reply whose request was not captured needs the look-up.
                var closes = request is null ? (await sql.FindEnvelopeAsync(message.CorrelationId, null, cancellationToken))?.Id : request.RerunOf ?? request.EnvelopeId;
                if (!await sql.InsertMessageAsync(message, closes, (request?.Account ?? AccountKeys.None).Or(message.Account), cancellationToken))
                {
                    return null;
                }

                if (closes is { } envelopeId)
                {
                    await sql.MarkSucceededAsync(envelopeId, cancellationToken);
                    return envelopeId;
                }

                return 0;

            default:
                var account = (request?.Account ?? AccountKeys.None).Or(message.Account);
                if (!await sql.InsertMessageAsync(message, null, account, cancellationToken))
                {
                    return null;
                }

                var routingKey = request?.RoutingKey ?? message.RequestRoutingKey ?? message.RoutingKey;
                // A group counts an envelope's failure once, however many messages tell it (a reply and its log).
                var existing = request is { EnvelopeId: null, RerunOf: null } ? null : await sql.FindEnvelopeAsync(message.CorrelationId, request?.RerunOf, cancellationToken);

                // The daemon's log after a reply tells the same failure without its details: those stored stay, and so does its group.
                var failure = message.Failure!.Or(existing?.Failure);
                var entersFailure = message.Outcome == MessageOutcome.Hardfail && existing?.State != nameof(EnvelopeState.Failed);
                var groupId = await sql.UpsertGroupAsync(routingKey, failure.GroupTitle, entersFailure, message.ReceivedAt, cancellationToken);
                var envelope = request?.RerunOf is { } rerunOf
                    ? await sql.FailRerunAsync(rerunOf, groupId, message, failure, cancellationToken)
                    : await sql.UpsertFailureAsync(groupId, routingKey, request?.Id, account, message, failure, cancellationToken);
                await sql.LinkAsync(envelope, message.DedupeKey, request?.Id, cancellationToken);
                return envelope;
        }
    }
}
