using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Switchboard.Domain.Events;
using Switchboard.Domain.Notifications;
using Switchboard.Domain.Notifications.Digests;
using Switchboard.Infrastructure.Changes;
using Switchboard.Infrastructure.Persistence;

namespace Switchboard.Infrastructure.Notifications;

/// <summary>
/// Writes what evaluating a chunk of events produced in one transaction: the queued messages and digest items, each event's
/// evaluation note, and failures on their configurations; an event someone else evaluated meanwhile is left as it is,
/// its messages unqueued. Events, messages and digest items each go in one set-based statement (the rows as one JSON
/// parameter, <see cref="JsonRows"/>): on PostgreSQL a statement per row was a round trip per row. Values come from the
/// domain objects.
/// </summary>
internal static class EvaluationWriter
{
    public static async Task WriteAsync(
        SwitchboardDbContext db, IReadOnlyList<OutboxMessage> messages, IReadOnlyList<DigestItem> digestItems, IReadOnlyList<EntityEvent> events,
        IReadOnlyList<(int ConfigurationId, string Reason)> failures, DateTime now, CancellationToken cancellationToken)
    {
        var postgres = db.Database.IsNpgsql();
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var (connection, dbTransaction) = (db.Database.GetDbConnection(), transaction.GetDbTransaction());
        var marked = await MarkEvaluatedAsync(connection, dbTransaction, postgres, events, cancellationToken);

        using (var rows = new JsonRows(postgres))
        {
            foreach (var m in messages.Where(m => marked.Contains(m.EventId)))
            {
                rows.Row().Add("messageId", m.MessageId).Add("eventId", m.EventId).Add("configurationId", m.ConfigurationId).Add("topic", m.Topic)
                    .Add("channel", m.Channel.ToString()).Add("level", m.Level.ToString()).Add("email", m.RecipientEmail).Add("username", m.RecipientUsername)
                    .Add("subject", m.Subject).Add("html", m.HtmlBody).Add("text", m.TextBody).Add("status", m.Status.ToString()).Add("next", m.NextAttemptAt)
                    .Add("created", m.CreatedAt);
            }

            await rows.ExecuteAsync(connection, dbTransaction, $"""
                INSERT INTO "OutboxMessages" ("MessageId", "EventId", "ConfigurationId", "Topic", "Channel", "Level", "RecipientEmail", "RecipientUsername",
                    "Subject", "HtmlBody", "TextBody", "Status", "Attempts", "NextAttemptAt", "CreatedAt", "DigestItems")
                SELECT r."messageId", r."eventId", r."configurationId", r."topic", r."channel", r."level", r."email", r."username",
                    r."subject", r."html", r."text", r."status", 0, r."next", r."created", 0
                FROM {JsonRows.From(postgres, "rows", ("messageId", "text"), ("eventId", "bigint"), ("configurationId", "integer"), ("topic", "text"),
                    ("channel", "text"), ("level", "text"), ("email", "text"), ("username", "text"), ("subject", "text"), ("html", "text"), ("text", "text"),
                    ("status", "text"), ("next", "timestamptz"), ("created", "timestamptz"))}
                ORDER BY r."ord"
                """, cancellationToken);
        }

        using (var rows = new JsonRows(postgres))
        {
            foreach (var i in digestItems.Where(i => marked.Contains(i.EventId)))
            {
                rows.Row().Add("configurationId", i.ConfigurationId).Add("eventId", i.EventId).Add("topic", i.Topic).Add("level", i.Level.ToString())
                    .Add("email", i.RecipientEmail).Add("username", i.RecipientUsername).Add("model", i.Model).Add("created", i.CreatedAt);
            }

            await rows.ExecuteAsync(connection, dbTransaction, $"""
                INSERT INTO "DigestItems" ("ConfigurationId", "EventId", "Topic", "Level", "RecipientEmail", "RecipientUsername", "Model", "CreatedAt")
                SELECT r."configurationId", r."eventId", r."topic", r."level", r."email", r."username", r."model", r."created"
                FROM {JsonRows.From(postgres, "rows", ("configurationId", "integer"), ("eventId", "bigint"), ("topic", "text"), ("level", "text"),
                    ("email", "text"), ("username", "text"), ("model", "text"), ("created", "timestamptz"))}
                ORDER BY r."ord"
                """, cancellationToken);
        }

        if (failures.Count > 0)
        {
            var ids = failures.Select(f => f.ConfigurationId).Distinct().ToList();
            var configurations = await db.NotificationConfigurations.Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
            foreach (var (configurationId, reason) in failures)
            {
                configurations.GetValueOrDefault(configurationId)?.RecordFailure(reason, now);
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        db.Touched(ChangeKind.OutboxMessage);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Marks each event evaluated, only while still unevaluated: an event another instance (or an overlapping run) has just
    /// evaluated is skipped with its messages, so no notification is queued twice. PostgreSQL makes the second writer wait
    /// for the first's row locks and then sees the events evaluated; SQLite has one writer at a time.
    /// The test is written <c>"Evaluated" = FALSE</c>, not <c>NOT "Evaluated"</c>: in the index's own words SQLite took the
    /// partial index of unevaluated events as the outer loop and read the chunk's JSON rows once per waiting event, so each
    /// chunk of 1,000 cost about 8 s with 23,000 events waiting (a backlog made it slower the longer it grew).
    /// </summary>
    /// <returns>The ids of the events this transaction marked.</returns>
    private static async Task<HashSet<long>> MarkEvaluatedAsync(
        DbConnection connection, DbTransaction transaction, bool postgres, IReadOnlyList<EntityEvent> events, CancellationToken cancellationToken)
    {
        using var rows = new JsonRows(postgres);
        foreach (var e in events)
        {
            rows.Row().Add("id", e.Id).Add("at", e.EvaluatedAt).Add("note", e.EvaluationNote);
        }

        var marked = new HashSet<long>();
        if (rows.Count == 0)
        {
            return marked;
        }

        await using var command = rows.Command(connection, transaction, $"""
            UPDATE "EntityEvents" SET "Evaluated" = TRUE, "EvaluatedAt" = r."at", "EvaluationNote" = r."note"
            FROM {JsonRows.From(postgres, "rows", ("id", "bigint"), ("at", "timestamptz"), ("note", "text"))}
            WHERE "EntityEvents"."Id" = r."id" AND "EntityEvents"."Evaluated" = FALSE
            RETURNING "EntityEvents"."Id"
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            marked.Add(reader.GetInt64(0));
        }

        return marked;
    }
}
