using System.Data.Common;
using Switchboard.Domain.Provisioning;
using Switchboard.Infrastructure.Persistence;

namespace Switchboard.Infrastructure.Provisioning;

/// <summary>
/// The SQL of <see cref="CaptureWriter"/>: set-based, one statement per table and batch, each reading the batch's rows
/// from one JSON array parameter (<see cref="JsonRows"/>). Three statements read what the batch can touch, up to six
/// write it. Plain SQL with quoted names; only the row source differs between SQLite and PostgreSQL.
/// </summary>
internal sealed class CaptureCommands(DbConnection connection, DbTransaction transaction, bool postgres)
{
    private const string EnvelopeColumns = """
        "Id", "CorrelationId", "State", "GroupId", "RequestId", "RoutingKey", "StatusCode", "ErrorType", "ErrorName", "ErrorMessage", "ErrorData",
        "Debug", "Scrubbed", "SoftfailCount", "NextTryAt", "FirstSeenAt", "LastSeenAt", "GramAccountUuid", "Email", "GoogleId"
        """;

    /// <summary>
    /// PostgreSQL: capture batches (from every instance and the API) take turns, so what a batch read stays true until it
    /// commits; SQLite's write transaction (<c>BEGIN IMMEDIATE</c>) already excludes every other writer.
    /// </summary>
    public async Task LockAsync(CancellationToken cancellationToken)
    {
        if (postgres)
        {
            await ExecuteAsync("SELECT pg_advisory_xact_lock(hashtext('switchboard-provisioning-capture'))", null, cancellationToken);
        }
    }

    public async Task<CaptureSnapshot> LoadAsync(IReadOnlyList<CapturedMessage> messages, CancellationToken cancellationToken)
    {
        var snapshot = new CaptureSnapshot();
        var keys = JsonRows.Array(messages.Select(m => m.DedupeKey));
        await using (var command = Command($"""SELECT "DedupeKey" FROM "ProvisioningMessages" WHERE "DedupeKey" IN ({JsonRows.Keys(postgres, "keys")})""", keys))
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                snapshot.DedupeKeys.Add(reader.GetString(0));
            }
        }

        var ids = JsonRows.Array(CaptureSnapshot.MessageIdsOf(messages));
        var requests = new List<(string MessageId, long Id, string RoutingKey, long? EnvelopeId, long? RerunOf, AccountKeys Account)>();
        await using (var command = Command(
            $"""
            SELECT "MessageId", "Id", "RoutingKey", "EnvelopeId", "RerunOfEnvelopeId", "GramAccountUuid", "Email", "GoogleId" FROM "ProvisioningMessages"
            WHERE "Kind" = 'Request' AND "MessageId" IN ({JsonRows.Keys(postgres, "keys")}) ORDER BY "Id"
            """, ids))
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                requests.Add((reader.GetString(0), reader.GetInt64(1), reader.GetString(2), Long(reader, 3), Long(reader, 4),
                    new AccountKeys(Text(reader, 5), Text(reader, 6), Text(reader, 7))));
            }
        }

        // Rows the batch may change are locked (PostgreSQL) until the commit, so a person's change waits rather than being overwritten.
        var envelopeIds = System.Text.Json.JsonSerializer.Serialize(requests.SelectMany(r => new[] { r.EnvelopeId, r.RerunOf }).OfType<long>().Distinct());
        await using (var command = Command(
            $"""
            SELECT {EnvelopeColumns} FROM "ProvisioningEnvelopes"
            WHERE "CorrelationId" IN ({JsonRows.Keys(postgres, "keys")}) OR "Id" IN ({(postgres ? "SELECT jsonb_array_elements_text(@ids::jsonb)::bigint" : "SELECT value FROM json_each(@ids)")})
            {(postgres ? "FOR UPDATE" : "")}
            """, ids))
        {
            Parameter(command, "ids", envelopeIds);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                snapshot.Add(new EnvelopeDraft
                {
                    Id = reader.GetInt64(0),
                    CorrelationId = Text(reader, 1),
                    State = reader.GetString(2),
                    GroupId = Long(reader, 3),
                    RequestId = Long(reader, 4),
                    RoutingKey = Text(reader, 5),
                    Failure = new SoaFailure(reader.IsDBNull(6) ? null : reader.GetInt32(6), Text(reader, 7), Text(reader, 8), Text(reader, 9), Text(reader, 10), Text(reader, 11)),
                    Scrubbed = reader.GetBoolean(12),
                    SoftfailCount = reader.GetInt32(13),
                    NextTryAt = reader.IsDBNull(14) ? null : reader.GetDateTime(14),
                    FirstSeenAt = reader.GetDateTime(15),
                    LastSeenAt = reader.GetDateTime(16),
                    Account = new AccountKeys(Text(reader, 17), Text(reader, 18), Text(reader, 19)),
                });
            }
        }

        foreach (var r in requests)
        {
            snapshot.AddRequest(r.MessageId, RequestRef.Stored(r.Id, r.RoutingKey, r.EnvelopeId is { } id ? snapshot.Envelope(id) : null, r.RerunOf, r.Account));
        }

        return snapshot;
    }

    /// <summary>Messages first (envelopes name their requests by dedupe key), then groups, envelopes, and the messages' links to new envelopes.</summary>
    public async Task WriteAsync(CapturePlan plan, CaptureSnapshot snapshot, CancellationToken cancellationToken)
    {
        await InsertMessagesAsync(plan.Messages, cancellationToken);
        await UpsertGroupsAsync(plan.Groups.Values, cancellationToken);
        await InsertEnvelopesAsync(plan.NewEnvelopes, cancellationToken);
        await UpdateEnvelopesAsync(snapshot.Loaded.Where(e => e.Changed), cancellationToken);

        using var links = new JsonRows(postgres);
        foreach (var message in plan.Messages.Where(m => m.Envelope is { IsNew: true }))
        {
            links.Row().Add("dedupe", message.Message.DedupeKey).Add("envelopeId", message.Envelope!.Id);
        }

        await ExecuteRowsAsync(links, $"""
            UPDATE "ProvisioningMessages" SET "EnvelopeId" = r."envelopeId"
            FROM {JsonRows.From(postgres, "rows", ("dedupe", "text"), ("envelopeId", "bigint"))}
            WHERE "ProvisioningMessages"."DedupeKey" = r."dedupe"
            """, cancellationToken);

        using var requests = new JsonRows(postgres);
        foreach (var request in snapshot.Requests.Where(r => r.Linked))
        {
            requests.Row().Add("id", request.Id).Add("envelopeId", request.Envelope!.Id);
        }

        await ExecuteRowsAsync(requests, $"""
            UPDATE "ProvisioningMessages" SET "EnvelopeId" = r."envelopeId"
            FROM {JsonRows.From(postgres, "rows", ("id", "bigint"), ("envelopeId", "bigint"))}
            WHERE "ProvisioningMessages"."Id" = r."id" AND "ProvisioningMessages"."EnvelopeId" IS NULL
            """, cancellationToken);
    }

    private async Task InsertMessagesAsync(List<MessageDraft> messages, CancellationToken cancellationToken)
    {
        using var rows = new JsonRows(postgres);
        foreach (var draft in messages)
        {
            var (m, f, a) = (draft.Message, draft.Message.Failure, draft.Account);
            rows.Row().Add("dedupe", m.DedupeKey).Add("messageId", m.MessageId).Add("correlationId", m.CorrelationId).Add("kind", m.Kind.ToString())
                .Add("outcome", m.Outcome.ToString()).Add("routingKey", m.RoutingKey).Add("replyTo", m.ReplyTo).Add("appId", m.AppId).Add("version", m.SoaVersion)
                .Add("properties", m.PropertiesJson).Add("headers", m.HeadersJson).Add("body", m.Body).Add("status", f?.StatusCode).Add("errorType", f?.ErrorType)
                .Add("errorName", f?.ErrorName).Add("errorMessage", f?.ErrorMessage).Add("softfails", m.SoftfailCount).Add("uuid", a.GramAccountUuid)
                .Add("email", a.Email).Add("googleId", a.GoogleId).Add("at", m.ReceivedAt).Add("envelopeId", draft.Envelope is { IsNew: false } e ? e.Id : null);
        }

        await ExecuteRowsAsync(rows, $"""
            INSERT INTO "ProvisioningMessages" ("DedupeKey", "MessageId", "CorrelationId", "Kind", "Outcome", "RoutingKey", "ReplyTo", "AppId", "SoaVersion",
                "PropertiesJson", "HeadersJson", "Body", "StatusCode", "ErrorType", "ErrorName", "ErrorMessage", "SoftfailCount",
                "GramAccountUuid", "Email", "GoogleId", "ReceivedAt", "EnvelopeId")
            SELECT r."dedupe", r."messageId", r."correlationId", r."kind", r."outcome", r."routingKey", r."replyTo", r."appId", r."version",
                r."properties", r."headers", r."body", r."status", r."errorType", r."errorName", r."errorMessage", r."softfails",
                r."uuid", r."email", r."googleId", r."at", r."envelopeId"
            FROM {JsonRows.From(postgres, "rows", ("dedupe", "text"), ("messageId", "text"), ("correlationId", "text"), ("kind", "text"), ("outcome", "text"),
                ("routingKey", "text"), ("replyTo", "text"), ("appId", "text"), ("version", "text"), ("properties", "text"), ("headers", "text"), ("body", "text"),
                ("status", "integer"), ("errorType", "text"), ("errorName", "text"), ("errorMessage", "text"), ("softfails", "integer"), ("uuid", "text"),
                ("email", "text"), ("googleId", "text"), ("at", "timestamptz"), ("envelopeId", "bigint"))}
            ORDER BY r."ord"
            """, cancellationToken);
    }

    private async Task UpsertGroupsAsync(IEnumerable<GroupDraft> groups, CancellationToken cancellationToken)
    {
        using var rows = new JsonRows(postgres);
        var byKey = new Dictionary<string, GroupDraft>();
        foreach (var group in groups)
        {
            byKey[group.Key] = group;
            rows.Row().Add("key", group.Key).Add("title", group.Title).Add("routingKey", group.RoutingKey).Add("count", group.Count)
                .Add("first", group.FirstSeenAt).Add("last", group.LastSeenAt);
        }

        if (rows.Count == 0)
        {
            return;
        }

        await using var command = rows.Command(connection, transaction, $"""
            INSERT INTO "FailureGroups" ("Key", "Title", "RoutingKey", "Failures", "FirstSeenAt", "LastSeenAt")
            SELECT r."key", r."title", r."routingKey", r."count", r."first", r."last"
            FROM {JsonRows.From(postgres, "rows", ("key", "text"), ("title", "text"), ("routingKey", "text"), ("count", "integer"), ("first", "timestamptz"), ("last", "timestamptz"))}
            WHERE true
            ON CONFLICT ("Key") DO UPDATE SET
                "Failures" = "FailureGroups"."Failures" + excluded."Failures",
                "LastSeenAt" = CASE WHEN "FailureGroups"."LastSeenAt" < excluded."LastSeenAt" THEN excluded."LastSeenAt" ELSE "FailureGroups"."LastSeenAt" END
            RETURNING "Key", "Id"
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            byKey[reader.GetString(0)].Id = reader.GetInt64(1);
        }
    }

    private async Task InsertEnvelopesAsync(List<EnvelopeDraft> envelopes, CancellationToken cancellationToken)
    {
        using var rows = new JsonRows(postgres);
        foreach (var e in envelopes)
        {
            AddEnvelope(rows.Row().Add("kind", e.Kind), e).Add("first", e.FirstSeenAt).Add("rawBody", e.RawBody).Add("rawProperties", e.RawProperties)
                .Add("parseError", e.ParseError).Add("correlationId", e.CorrelationId);
        }

        if (rows.Count == 0)
        {
            return;
        }

        // Ids are handed out in the order the rows are inserted (ORDER BY "ord"): the n-th smallest is the n-th envelope.
        await using var command = rows.Command(connection, transaction, $"""
            INSERT INTO "ProvisioningEnvelopes" ("Kind", "State", "Archived", "GroupId", "CorrelationId", "RequestId", "RoutingKey", "StatusCode", "ErrorType",
                "ErrorName", "ErrorMessage", "ErrorData", "Debug", "Scrubbed", "SoftfailCount", "NextTryAt", "FirstSeenAt", "LastSeenAt",
                "GramAccountUuid", "Email", "GoogleId", "RawBody", "RawProperties", "ParseError", "Tags", "Reruns")
            SELECT r."kind", r."state", FALSE, r."groupId", r."correlationId", {RequestIdOfRow}, r."routingKey", r."status", r."errorType",
                r."errorName", r."errorMessage", r."errorData", r."debug", r."scrubbed", r."softfails", r."nextTryAt", r."first", r."last",
                r."uuid", r."email", r."googleId", r."rawBody", r."rawProperties", r."parseError", '', 0
            FROM {JsonRows.From(postgres, "rows", [("kind", "text"), .. EnvelopeRowColumns, ("first", "timestamptz"), ("rawBody", "text"), ("rawProperties", "text"),
                ("parseError", "text"), ("correlationId", "text")])}
            ORDER BY r."ord"
            RETURNING "Id"
            """);
        var ids = new List<long>(envelopes.Count);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                ids.Add(reader.GetInt64(0));
            }
        }

        ids.Sort();
        for (var i = 0; i < envelopes.Count; i++)
        {
            envelopes[i].Id = ids[i];
        }
    }

    private async Task UpdateEnvelopesAsync(IEnumerable<EnvelopeDraft> envelopes, CancellationToken cancellationToken)
    {
        using var rows = new JsonRows(postgres);
        foreach (var e in envelopes)
        {
            AddEnvelope(rows.Row().Add("id", e.Id), e);
        }

        await ExecuteRowsAsync(rows, $"""
            UPDATE "ProvisioningEnvelopes" SET "State" = r."state", "GroupId" = r."groupId", "RequestId" = {RequestIdOfRow}, "RoutingKey" = r."routingKey",
                "StatusCode" = r."status", "ErrorType" = r."errorType", "ErrorName" = r."errorName", "ErrorMessage" = r."errorMessage", "ErrorData" = r."errorData",
                "Debug" = r."debug", "Scrubbed" = r."scrubbed", "SoftfailCount" = r."softfails", "NextTryAt" = r."nextTryAt", "LastSeenAt" = r."last",
                "GramAccountUuid" = r."uuid", "Email" = r."email", "GoogleId" = r."googleId"
            FROM {JsonRows.From(postgres, "rows", [("id", "bigint"), .. EnvelopeRowColumns])}
            WHERE "ProvisioningEnvelopes"."Id" = r."id"
            """, cancellationToken);
    }

    private const string RequestIdOfRow = """COALESCE(r."requestId", (SELECT m."Id" FROM "ProvisioningMessages" m WHERE m."DedupeKey" = r."requestDedupe"))""";

    private static readonly (string Name, string Type)[] EnvelopeRowColumns =
    [
        ("state", "text"), ("groupId", "bigint"), ("requestId", "bigint"), ("requestDedupe", "text"), ("routingKey", "text"), ("status", "integer"),
        ("errorType", "text"), ("errorName", "text"), ("errorMessage", "text"), ("errorData", "text"), ("debug", "text"), ("scrubbed", "boolean"),
        ("softfails", "integer"), ("nextTryAt", "timestamptz"), ("last", "timestamptz"), ("uuid", "text"), ("email", "text"), ("googleId", "text"),
    ];

    private static JsonRows AddEnvelope(JsonRows row, EnvelopeDraft e)
    {
        var f = e.Failure;
        return row.Add("state", e.State).Add("groupId", e.Group?.Id ?? e.GroupId).Add("requestId", e.RequestId).Add("requestDedupe", e.Request?.Message.DedupeKey)
            .Add("routingKey", e.RoutingKey).Add("status", f.StatusCode).Add("errorType", f.ErrorType).Add("errorName", f.ErrorName).Add("errorMessage", f.ErrorMessage)
            .Add("errorData", f.ErrorData).Add("debug", f.Debug).Add("scrubbed", e.Scrubbed).Add("softfails", e.SoftfailCount).Add("nextTryAt", e.NextTryAt)
            .Add("last", e.LastSeenAt).Add("uuid", e.Account.GramAccountUuid).Add("email", e.Account.Email).Add("googleId", e.Account.GoogleId);
    }

    private Task<int> ExecuteRowsAsync(JsonRows rows, string sql, CancellationToken cancellationToken) =>
        rows.ExecuteAsync(connection, transaction, sql, cancellationToken);

    private async Task ExecuteAsync(string sql, string? json, CancellationToken cancellationToken, string parameter = "rows")
    {
        await using var command = Command(sql, json, parameter);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private DbCommand Command(string sql, string? json, string parameter = "keys")
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        if (json is not null)
        {
            Parameter(command, parameter, json);
        }

        return command;
    }

    private static void Parameter(DbCommand command, string name, string value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@" + name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private static long? Long(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);

    private static string? Text(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
