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
/// its messages unqueued. Messages and events go through prepared commands (the change tracker compiles a statement
/// per row); values come from the domain objects.
/// </summary>
internal static class EvaluationWriter
{
    public static async Task WriteAsync(
        SwitchboardDbContext db, IReadOnlyList<OutboxMessage> messages, IReadOnlyList<DigestItem> digestItems, IReadOnlyList<EntityEvent> events,
        IReadOnlyList<(int ConfigurationId, string Reason)> failures, DateTime now, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        // Each event is marked first, and only while still unevaluated: an event another instance (or an overlapping run)
        // has just evaluated is skipped with its messages, so no notification is queued twice. PostgreSQL makes the second
        // writer wait for the first's row lock and then sees the event evaluated; SQLite has one writer at a time.
        var marked = new HashSet<long>();
        await using (var update = PreparedCommand.Create(connection, transaction.GetDbTransaction(),
            """UPDATE "EntityEvents" SET "Evaluated" = TRUE, "EvaluatedAt" = @at, "EvaluationNote" = @note WHERE "Id" = @id AND "Evaluated" = FALSE""",
            "at", "note", "id"))
        {
            foreach (var e in events)
            {
                update.Set(e.EvaluatedAt, e.EvaluationNote, e.Id);
                if (await update.ExecuteNonQueryAsync(cancellationToken) == 1)
                {
                    marked.Add(e.Id);
                }
            }
        }

        await using (var insert = PreparedCommand.Create(connection, transaction.GetDbTransaction(),
            """
            INSERT INTO "OutboxMessages" ("MessageId", "EventId", "ConfigurationId", "Topic", "Channel", "Level", "RecipientEmail", "RecipientUsername",
                "Subject", "HtmlBody", "TextBody", "Status", "Attempts", "NextAttemptAt", "CreatedAt", "DigestItems")
            VALUES (@messageId, @eventId, @configurationId, @topic, @channel, @level, @email, @username, @subject, @html, @text, @status, 0, @next, @created, 0)
            """,
            "messageId", "eventId", "configurationId", "topic", "channel", "level", "email", "username", "subject", "html", "text", "status", "next", "created"))
        {
            foreach (var m in messages.Where(m => marked.Contains(m.EventId)))
            {
                insert.Set(m.MessageId, m.EventId, m.ConfigurationId, m.Topic, m.Channel.ToString(), m.Level.ToString(), m.RecipientEmail, m.RecipientUsername,
                    m.Subject, m.HtmlBody, m.TextBody, m.Status.ToString(), m.NextAttemptAt, m.CreatedAt);
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        if (digestItems.Count > 0)
        {
            await using var gather = PreparedCommand.Create(connection, transaction.GetDbTransaction(),
                """
                INSERT INTO "DigestItems" ("ConfigurationId", "EventId", "Topic", "Level", "RecipientEmail", "RecipientUsername", "Model", "CreatedAt")
                VALUES (@configurationId, @eventId, @topic, @level, @email, @username, @model, @created)
                """,
                "configurationId", "eventId", "topic", "level", "email", "username", "model", "created");
            foreach (var i in digestItems.Where(i => marked.Contains(i.EventId)))
            {
                gather.Set(i.ConfigurationId, i.EventId, i.Topic, i.Level.ToString(), i.RecipientEmail, i.RecipientUsername, i.Model, i.CreatedAt);
                await gather.ExecuteNonQueryAsync(cancellationToken);
            }
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
}
