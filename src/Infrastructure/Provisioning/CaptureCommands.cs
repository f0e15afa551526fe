using System.Data.Common;
using Switchboard.Domain.Provisioning;
using Switchboard.Infrastructure.Persistence;

namespace Switchboard.Infrastructure.Provisioning;

/// <summary>
/// The SQL of <see cref="CaptureWriter"/>, each statement prepared once per batch. Plain SQL with quoted names and
/// <c>ON CONFLICT … RETURNING</c>, valid for SQLite and PostgreSQL alike. Statements run for every message do without
/// <c>RETURNING</c>: reading a result costs Microsoft.Data.Sqlite about 20 µs more per row than the insert itself
/// (measured), which would cap the capture below half the broker's rate. Messages are addressed by their dedupe key.
/// </summary>
internal sealed class CaptureCommands(DbConnection connection, DbTransaction transaction) : IAsyncDisposable
{
    private const string Closed = "('SucceededLater', 'Resolved')";

    private readonly DbCommand _insertMessage = PreparedCommand.Create(connection, transaction,
        """
        INSERT INTO "ProvisioningMessages" ("DedupeKey", "MessageId", "CorrelationId", "Kind", "Outcome", "RoutingKey", "ReplyTo", "AppId", "SoaVersion",
            "PropertiesJson", "HeadersJson", "Body", "StatusCode", "ErrorType", "ErrorName", "ErrorMessage", "SoftfailCount",
            "GramAccountUuid", "Email", "GoogleId", "ReceivedAt", "EnvelopeId")
        VALUES (@dedupe, @messageId, @correlationId, @kind, @outcome, @routingKey, @replyTo, @appId, @version,
            @properties, @headers, @body, @status, @errorType, @errorName, @errorMessage, @softfails,
            @uuid, @email, @googleId, @at, @envelopeId)
        ON CONFLICT ("DedupeKey") DO NOTHING
        """,
        "dedupe", "messageId", "correlationId", "kind", "outcome", "routingKey", "replyTo", "appId", "version", "properties", "headers", "body",
        "status", "errorType", "errorName", "errorMessage", "softfails", "uuid", "email", "googleId", "at", "envelopeId");

    private readonly DbCommand _findRequest = PreparedCommand.Create(connection, transaction,
        """
        SELECT "Id", "RoutingKey", "EnvelopeId", "RerunOfEnvelopeId", "GramAccountUuid", "Email", "GoogleId"
        FROM "ProvisioningMessages" WHERE "MessageId" = @id AND "Kind" = 'Request' ORDER BY "Id" LIMIT 1
        """,
        "id");

    private readonly DbCommand _findEnvelope = PreparedCommand.Create(connection, transaction,
        """
        SELECT "Id", "State", "StatusCode", "ErrorType", "ErrorName", "ErrorMessage", "ErrorData", "Debug"
        FROM "ProvisioningEnvelopes" WHERE "CorrelationId" = @correlationId OR "Id" = @id
        """,
        "correlationId", "id");

    // A request that arrives after its failure (or a retried request carrying its try count) joins the envelope.
    private readonly DbCommand _attachRequest = PreparedCommand.Create(connection, transaction,
        """
        UPDATE "ProvisioningEnvelopes" SET
            "RequestId" = COALESCE("RequestId", (SELECT "Id" FROM "ProvisioningMessages" WHERE "DedupeKey" = @dedupe)),
            "RoutingKey" = CASE WHEN "RequestId" IS NULL THEN @routingKey ELSE "RoutingKey" END,
            "GramAccountUuid" = COALESCE("GramAccountUuid", @uuid), "Email" = COALESCE("Email", @email), "GoogleId" = COALESCE("GoogleId", @googleId),
            "SoftfailCount" = CASE WHEN "SoftfailCount" < @softfails THEN @softfails ELSE "SoftfailCount" END
        WHERE "CorrelationId" = @id AND ("RequestId" IS NULL OR @softfails > 0)
        """,
        "dedupe", "routingKey", "uuid", "email", "googleId", "softfails", "id");

    private readonly DbCommand _markSucceeded = PreparedCommand.Create(connection, transaction,
        """
        UPDATE "ProvisioningEnvelopes" SET "State" = 'SucceededLater', "NextTryAt" = NULL
        WHERE "Id" = @id AND "State" IN ('Retrying', 'Failed', 'Rerunning')
        """,
        "id");

    private readonly DbCommand _upsertGroup = PreparedCommand.Create(connection, transaction,
        """
        INSERT INTO "FailureGroups" ("Key", "Title", "RoutingKey", "Failures", "FirstSeenAt", "LastSeenAt")
        VALUES (@key, @title, @routingKey, @count, @at, @at)
        ON CONFLICT ("Key") DO UPDATE SET
            "Failures" = "FailureGroups"."Failures" + @count,
            "LastSeenAt" = CASE WHEN "FailureGroups"."LastSeenAt" < @at THEN @at ELSE "FailureGroups"."LastSeenAt" END
        RETURNING "Id"
        """,
        "key", "title", "routingKey", "count", "at");

    // A message without details (the daemon's failure log after its reply has no status code, error name or body) keeps
    // every detail already stored: each one is replaced only by a value, never by NULL.
    private readonly DbCommand _upsertFailure = PreparedCommand.Create(connection, transaction,
        $"""
        INSERT INTO "ProvisioningEnvelopes" ("Kind", "State", "Archived", "GroupId", "CorrelationId", "RequestId", "RoutingKey", "StatusCode", "ErrorType",
            "ErrorName", "ErrorMessage", "ErrorData", "Debug", "Scrubbed", "SoftfailCount", "NextTryAt", "FirstSeenAt", "LastSeenAt",
            "GramAccountUuid", "Email", "GoogleId", "Tags", "Reruns")
        VALUES ('Failure', @state, FALSE, @groupId, @correlationId, @requestId, @routingKey, @status, @errorType,
            @errorName, @errorMessage, @errorData, @debug, @scrubbed, @softfails, @nextTryAt, @at, @at,
            @uuid, @email, @googleId, '', 0)
        ON CONFLICT ("CorrelationId") DO UPDATE SET
            "State" = CASE WHEN "ProvisioningEnvelopes"."State" IN {Closed} THEN "ProvisioningEnvelopes"."State" ELSE excluded."State" END,
            "GroupId" = excluded."GroupId", "StatusCode" = COALESCE(excluded."StatusCode", "ProvisioningEnvelopes"."StatusCode"),
            "ErrorType" = COALESCE(excluded."ErrorType", "ProvisioningEnvelopes"."ErrorType"), "ErrorName" = COALESCE(excluded."ErrorName", "ProvisioningEnvelopes"."ErrorName"),
            "ErrorMessage" = COALESCE(excluded."ErrorMessage", "ProvisioningEnvelopes"."ErrorMessage"),
            "ErrorData" = COALESCE(excluded."ErrorData", "ProvisioningEnvelopes"."ErrorData"), "Debug" = COALESCE(excluded."Debug", "ProvisioningEnvelopes"."Debug"),
            "Scrubbed" = "ProvisioningEnvelopes"."Scrubbed" OR excluded."Scrubbed",
            "SoftfailCount" = "ProvisioningEnvelopes"."SoftfailCount" + @softfailStep,
            "NextTryAt" = excluded."NextTryAt", "LastSeenAt" = excluded."LastSeenAt",
            "RequestId" = COALESCE("ProvisioningEnvelopes"."RequestId", excluded."RequestId")
        RETURNING "Id"
        """,
        "state", "groupId", "correlationId", "requestId", "routingKey", "status", "errorType", "errorName", "errorMessage", "errorData", "debug",
        "scrubbed", "softfails", "nextTryAt", "at", "uuid", "email", "googleId", "softfailStep");

    // The same rule for a rerun's failure: what the message does not tell stays as it was.
    private readonly DbCommand _failRerun = PreparedCommand.Create(connection, transaction,
        """
        UPDATE "ProvisioningEnvelopes" SET
            "State" = CASE WHEN "State" = 'SucceededLater' THEN "State" ELSE @state END,
            "GroupId" = @groupId, "StatusCode" = COALESCE(@status, "StatusCode"), "ErrorType" = COALESCE(@errorType, "ErrorType"),
            "ErrorName" = COALESCE(@errorName, "ErrorName"),
            "ErrorMessage" = COALESCE(@errorMessage, "ErrorMessage"), "ErrorData" = COALESCE(@errorData, "ErrorData"), "Debug" = COALESCE(@debug, "Debug"),
            "Scrubbed" = "Scrubbed" OR @scrubbed,
            "SoftfailCount" = "SoftfailCount" + @softfailStep, "NextTryAt" = @nextTryAt, "LastSeenAt" = @at
        WHERE "Id" = @id
        """,
        "state", "groupId", "status", "errorType", "errorName", "errorMessage", "errorData", "debug", "scrubbed", "softfailStep", "nextTryAt", "at", "id");

    private readonly DbCommand _insertUnreadable = PreparedCommand.Create(connection, transaction,
        """
        INSERT INTO "ProvisioningEnvelopes" ("Kind", "State", "Archived", "GroupId", "RoutingKey", "Scrubbed", "SoftfailCount", "FirstSeenAt", "LastSeenAt",
            "RawBody", "RawProperties", "ParseError", "Tags", "Reruns")
        VALUES ('Unreadable', 'Failed', FALSE, @groupId, @routingKey, @scrubbed, 0, @at, @at, @body, @properties, @reason, '', 0)
        RETURNING "Id"
        """,
        "groupId", "routingKey", "scrubbed", "at", "body", "properties", "reason");

    private readonly DbCommand _link = PreparedCommand.Create(connection, transaction,
        """
        UPDATE "ProvisioningMessages" SET "EnvelopeId" = @envelopeId
        WHERE ("DedupeKey" = @dedupe OR "Id" = @requestId) AND "EnvelopeId" IS NULL
        """,
        "envelopeId", "dedupe", "requestId");

    /// <returns>Whether the message is new (false: stored before).</returns>
    public async Task<bool> InsertMessageAsync(CapturedMessage m, long? envelopeId, AccountKeys account, CancellationToken cancellationToken)
    {
        var f = m.Failure;
        _insertMessage.Set(m.DedupeKey, m.MessageId, m.CorrelationId, m.Kind.ToString(), m.Outcome.ToString(), m.RoutingKey, m.ReplyTo, m.AppId, m.SoaVersion,
            m.PropertiesJson, m.HeadersJson, m.Body, f?.StatusCode, f?.ErrorType, f?.ErrorName, f?.ErrorMessage, m.SoftfailCount,
            account.GramAccountUuid, account.Email, account.GoogleId, m.ReceivedAt, envelopeId);
        return await _insertMessage.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<StoredRequest?> FindRequestAsync(string messageId, CancellationToken cancellationToken)
    {
        _findRequest.Set(messageId);
        await using var reader = await _findRequest.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new StoredRequest(reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetInt64(2), reader.IsDBNull(3) ? null : reader.GetInt64(3),
            new AccountKeys(NullableString(reader, 4), NullableString(reader, 5), NullableString(reader, 6)));
    }

    /// <summary>The envelope of a request (by its message id), or the one a rerun request belongs to.</summary>
    public async Task<StoredEnvelope?> FindEnvelopeAsync(string? correlationId, long? rerunOf, CancellationToken cancellationToken)
    {
        _findEnvelope.Set(rerunOf is null ? correlationId : null, rerunOf);
        await using var reader = await _findEnvelope.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var failure = new SoaFailure(reader.IsDBNull(2) ? null : reader.GetInt32(2), NullableString(reader, 3), NullableString(reader, 4), NullableString(reader, 5),
            NullableString(reader, 6), NullableString(reader, 7));
        return new StoredEnvelope(reader.GetInt64(0), reader.GetString(1), failure);
    }

    public async Task<long?> AttachLateRequestAsync(CapturedMessage request, CancellationToken cancellationToken)
    {
        if (request.MessageId is null)
        {
            return null;
        }

        var a = request.Account;
        _attachRequest.Set(request.DedupeKey, request.RoutingKey, a.GramAccountUuid, a.Email, a.GoogleId, request.SoftfailCount, request.MessageId);
        if (await _attachRequest.ExecuteNonQueryAsync(cancellationToken) == 0 || await FindEnvelopeAsync(request.MessageId, null, cancellationToken) is not { } envelope)
        {
            return null;
        }

        await LinkAsync(envelope.Id, request.DedupeKey, null, cancellationToken);
        return envelope.Id;
    }

    public async Task MarkSucceededAsync(long envelopeId, CancellationToken cancellationToken)
    {
        _markSucceeded.Set(envelopeId);
        await _markSucceeded.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<long> UpsertGroupAsync(string routingKey, string title, bool countsAsFailure, DateTime at, CancellationToken cancellationToken)
    {
        _upsertGroup.Set(FailureGroup.KeyOf(routingKey, title), title, routingKey, countsAsFailure ? 1 : 0, at);
        return (await ScalarAsync(_upsertGroup, cancellationToken))!.Value;
    }

    /// <param name="f">The message's failure, its missing details taken from the stored envelope.</param>
    public async Task<long> UpsertFailureAsync(long groupId, string routingKey, long? requestId, AccountKeys account, CapturedMessage m, SoaFailure f,
        CancellationToken cancellationToken)
    {
        var softfail = m.Outcome == MessageOutcome.Softfail;
        _upsertFailure.Set(StateOf(m), groupId, m.CorrelationId, requestId, routingKey, f.StatusCode, f.ErrorType, f.ErrorName, f.ErrorMessage, f.ErrorData, f.Debug,
            m.Scrubbed, softfail ? Math.Max(1, m.SoftfailCount) : m.SoftfailCount, NextTryAt(m), m.ReceivedAt,
            account.GramAccountUuid, account.Email, account.GoogleId, softfail ? 1 : 0);
        return (await ScalarAsync(_upsertFailure, cancellationToken))!.Value;
    }

    /// <param name="f">The message's failure, its missing details taken from the stored envelope.</param>
    public async Task<long> FailRerunAsync(long envelopeId, long groupId, CapturedMessage m, SoaFailure f, CancellationToken cancellationToken)
    {
        _failRerun.Set(StateOf(m), groupId, f.StatusCode, f.ErrorType, f.ErrorName, f.ErrorMessage, f.ErrorData, f.Debug, m.Scrubbed,
            m.Outcome == MessageOutcome.Softfail ? 1 : 0, NextTryAt(m), m.ReceivedAt, envelopeId);
        await _failRerun.ExecuteNonQueryAsync(cancellationToken);
        return envelopeId;
    }

    public async Task<long> InsertUnreadableAsync(CapturedMessage m, CancellationToken cancellationToken)
    {
        var groupId = await UpsertGroupAsync(m.RoutingKey, "Unreadable message", countsAsFailure: true, m.ReceivedAt, cancellationToken);
        var properties = $$"""{"properties":{{m.PropertiesJson}},"headers":{{m.HeadersJson}}}""";
        _insertUnreadable.Set(groupId, m.RoutingKey, m.Scrubbed, m.ReceivedAt, m.Body, properties, m.ParseError);
        var envelopeId = (await ScalarAsync(_insertUnreadable, cancellationToken))!.Value;
        await LinkAsync(envelopeId, m.DedupeKey, null, cancellationToken);
        return envelopeId;
    }

    public async Task LinkAsync(long envelopeId, string dedupeKey, long? requestId, CancellationToken cancellationToken)
    {
        _link.Set(envelopeId, dedupeKey, requestId);
        await _link.ExecuteNonQueryAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var command in new[] { _insertMessage, _findRequest, _findEnvelope, _attachRequest, _markSucceeded, _upsertGroup, _upsertFailure, _failRerun, _insertUnreadable, _link })
        {
            await command.DisposeAsync();
        }
    }

    private static string StateOf(CapturedMessage m) =>
        (m.Outcome == MessageOutcome.Softfail ? EnvelopeState.Retrying : EnvelopeState.Failed).ToString();

    private static DateTime? NextTryAt(CapturedMessage m) =>
        m.Outcome == MessageOutcome.Softfail && m.NextTryIn is { } wait ? m.ReceivedAt + wait : null;

    private static async Task<long?> ScalarAsync(DbCommand command, CancellationToken cancellationToken) =>
        await command.ExecuteScalarAsync(cancellationToken) is { } value and not DBNull ? Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) : null;

    private static string? NullableString(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}

internal sealed record StoredRequest(long Id, string RoutingKey, long? EnvelopeId, long? RerunOf, AccountKeys Account);

/// <summary>An envelope as stored, with the failure details it already holds.</summary>
internal sealed record StoredEnvelope(long Id, string State, SoaFailure Failure);
