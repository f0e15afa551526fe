using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Switchboard.Domain.Notifications;
using Switchboard.Infrastructure.Changes;
using Switchboard.Infrastructure.Persistence;

namespace Switchboard.Infrastructure.Email;

/// <summary>
/// The sender's reads and writes of the outbox: due messages claimed with a lease in one conditional <c>UPDATE … RETURNING</c>
/// (the claim pattern of the portal's senders, see <c>TicketSender</c>: the outer <c>WHERE</c> repeats the claim's condition,
/// so a database that re-checks a row another transaction just changed, as PostgreSQL does, skips it; only the rows this
/// statement leased are returned, whole, so two senders never hold the same message and no second read is needed; on
/// PostgreSQL the candidates are also locked and skipped when locked, <c>FOR UPDATE SKIP LOCKED</c>), and attempt
/// outcomes written with one prepared command in one transaction. Values come from the domain's
/// <see cref="OutboxMessage"/> methods.
/// </summary>
internal static class OutboxStore
{
    /// <summary>E-mail goes out through the mail sender, Mattermost messages through theirs: each claims only its own channels.</summary>
    public static readonly (string, string) EmailChannel = (nameof(DeliveryChannel.Email), nameof(DeliveryChannel.Email));

    public static readonly (string, string) MattermostChannels = (nameof(DeliveryChannel.MattermostDirect), nameof(DeliveryChannel.MattermostChannel));

    public static async Task<List<OutboxMessage>> ClaimAsync(
        SwitchboardDbContext db, DateTime now, TimeSpan lease, int limit, CancellationToken cancellationToken) =>
        await ClaimChannelsAsync(db, EmailChannel, now, lease, limit, cancellationToken);

    /// <param name="channels">The channels (two, the same one twice for one) whose messages this sender delivers.</param>
    public static async Task<List<OutboxMessage>> ClaimChannelsAsync(
        SwitchboardDbContext db, (string, string) channels, DateTime now, TimeSpan lease, int limit, CancellationToken cancellationToken)
    {
        var leaseUntil = now + lease;
        var (first, second) = channels;
        // PostgreSQL: the inner SELECT skips rows another sender is leasing right now (FOR UPDATE SKIP LOCKED), so the
        // senders take different messages instead of queueing on the same rows. SQLite has one writer at a time.
        var claim = db.Database.IsNpgsql()
            ? db.OutboxMessages.FromSql(
                $"""
                UPDATE "OutboxMessages" SET "LeaseUntil" = {leaseUntil}
                WHERE "Id" IN (
                    SELECT "Id" FROM "OutboxMessages"
                    WHERE "Status" IN ('Pending', 'Failed') AND "NextAttemptAt" <= {now} AND ("LeaseUntil" IS NULL OR "LeaseUntil" < {now})
                      AND "Channel" IN ({first}, {second})
                    ORDER BY "Id" LIMIT {limit} FOR UPDATE SKIP LOCKED)
                  AND "Status" IN ('Pending', 'Failed') AND ("LeaseUntil" IS NULL OR "LeaseUntil" < {now})
                RETURNING *
                """)
            : db.OutboxMessages.FromSql(
                $"""
                UPDATE "OutboxMessages" SET "LeaseUntil" = {leaseUntil}
                WHERE "Id" IN (
                    SELECT "Id" FROM "OutboxMessages"
                    WHERE "Status" IN ('Pending', 'Failed') AND "NextAttemptAt" <= {now} AND ("LeaseUntil" IS NULL OR "LeaseUntil" < {now})
                      AND "Channel" IN ({first}, {second})
                    ORDER BY "Id" LIMIT {limit})
                  AND "Status" IN ('Pending', 'Failed') AND ("LeaseUntil" IS NULL OR "LeaseUntil" < {now})
                RETURNING *
                """);
        var messages = await claim.AsNoTracking().ToListAsync(cancellationToken);
        messages.Sort((a, b) => a.Id.CompareTo(b.Id)); // RETURNING keeps no order
        foreach (var message in messages)
        {
            message.Claim(now, lease);
        }

        return messages;
    }

    public static async Task SaveOutcomesAsync(SwitchboardDbContext db, IReadOnlyList<OutboxMessage> messages, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await using var update = PreparedCommand.Create(db.Database.GetDbConnection(), transaction.GetDbTransaction(),
            """
            UPDATE "OutboxMessages" SET "Status" = @status, "Attempts" = @attempts, "LastError" = @error, "NextAttemptAt" = @next,
                "LeaseUntil" = @lease, "SentAt" = @sent, "SmtpReply" = @reply
            WHERE "Id" = @id
            """,
            "status", "attempts", "error", "next", "lease", "sent", "reply", "id");
        foreach (var m in messages)
        {
            update.Set(m.Status.ToString(), m.Attempts, m.LastError, m.NextAttemptAt, m.LeaseUntil, m.SentAt, m.SmtpReply, m.Id);
            await update.ExecuteNonQueryAsync(cancellationToken);
        }

        db.Touched(ChangeKind.OutboxMessage);
        await transaction.CommitAsync(cancellationToken);
    }
}
