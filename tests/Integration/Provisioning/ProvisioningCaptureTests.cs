using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using RabbitMQ.Client;
using Switchboard.Domain.ApiKeys;
using Switchboard.Domain.Provisioning;
using Switchboard.Infrastructure.Provisioning;
using Switchboard.ProvisioningSimulator;

namespace Switchboard.IntegrationTests.Provisioning;

/// <summary>
/// The daemon simulator answering on a real RabbitMQ node; the portal capturing from the <c>log</c> fanout exchange,
/// rerunning through the event exchange.
/// </summary>
public abstract class ProvisioningCaptureTests(PortalFactory portal, RabbitMqBroker broker) : IClassFixture<RabbitMqBroker>, IAsyncLifetime
{
    private WebApplicationFactory<Program>? _capturing;
    private DaemonSimulator? _daemon;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private DaemonSimulator Daemon => _daemon!;

    public async ValueTask InitializeAsync()
    {
        _capturing = await ProvisioningRig.CapturingPortalAsync(portal, broker);
        _daemon = await DaemonSimulator.StartAsync(broker.Uri);
    }

    public async ValueTask DisposeAsync()
    {
        if (_daemon is not null)
        {
            await _daemon.DisposeAsync();
        }

        if (_capturing is not null)
        {
            await _capturing.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    private static string Create(string email, string uuid = "36a7e016-a300-4f52-85f4-6804dede6c6b") =>
        $$"""{"gram_account_uuid":"{{uuid}}","primary_email":"{{email}}","aliases":[]}""";

    [Fact]
    public async Task HardfailReply_BecomesAnEnvelopeLinkedToItsRequest_CountedOnceInItsGroup()
    {
        Daemon.Plan("conflict@gadz.org", Answer.Hardfail(409, "GoogleAccountAlreadyRegisteredInGram", "already registered", """{"google_id":"1122"}"""));
        var requestId = await Daemon.SendRequestAsync("create", Create("conflict@gadz.org"));

        var envelope = await portal.EnvelopeOfAsync(requestId, e => e.State == EnvelopeState.Failed, "the 409 envelope");
        await using var db = await portal.DbAsync();
        var request = await db.ProvisioningMessages.SingleAsync(m => m.Id == envelope.RequestId, Ct);
        var group = await db.FailureGroups.SingleAsync(g => g.Id == envelope.GroupId, Ct);

        Assert.Equal((409, "hardfail", "GoogleAccountAlreadyRegisteredInGram", "already registered"), (envelope.StatusCode, envelope.ErrorType, envelope.ErrorName, envelope.ErrorMessage));
        Assert.Equal(("request.googleapps.user.create", requestId, envelope.Id), (request.RoutingKey, request.MessageId, request.EnvelopeId));
        Assert.Equal(("conflict@gadz.org", "1122"), (envelope.Email, envelope.GoogleId));
        Assert.Equal(("GoogleAccountAlreadyRegisteredInGram", "request.googleapps.user.create"), (group.Title, group.RoutingKey));

        // The reply and the failure log both tell this failure: the group counts it once.
        await Eventually.TrueAsync("reply and log linked", () => portal.QueryAsync(async d => await d.ProvisioningMessages.CountAsync(m => m.EnvelopeId == envelope.Id, Ct) >= 3));
        await using var again = await portal.DbAsync();
        Assert.Equal(1, (await again.FailureGroups.SingleAsync(g => g.Id == envelope.GroupId, Ct)).Failures);
    }

    [Fact]
    public async Task Softfail_ShowsAsRetrying_WithItsNextTry()
    {
        Daemon.Plan("slow@gadz.org", Answer.Softfail(503, "GoogleApiUnavailable", "backend error", retryAfter: TimeSpan.FromHours(1)));
        var requestId = await Daemon.SendRequestAsync("create", Create("slow@gadz.org"));

        var envelope = await portal.EnvelopeOfAsync(requestId, e => e.State == EnvelopeState.Retrying, "the retrying envelope");

        Assert.Equal((1, "softfail", 503), (envelope.SoftfailCount, envelope.ErrorType, envelope.StatusCode));
        Assert.InRange(envelope.NextTryAt!.Value, DateTime.UtcNow.AddMinutes(55), DateTime.UtcNow.AddMinutes(65));
    }

    [Fact]
    public async Task SoftfailsUntilGiveUp_EndInAFailure_FromTheLogOnly()
    {
        Daemon.Plan("flaky@gadz.org", Answer.Softfail(503, null, "reset"), Answer.Softfail(503, null, "reset"), Answer.GiveUp(500, "MaxAttemptsReached"));
        var requestId = await Daemon.SendRequestAsync("update", """{"gram_account_uuid":"8f14e45f-ceea-467a-9af0-2f6b3c5d7e11","primary_email":"flaky@gadz.org"}""");

        var envelope = await portal.EnvelopeOfAsync(requestId, e => e.State == EnvelopeState.Failed, "the given-up envelope");
        await using var db = await portal.DbAsync();
        var told = await db.ProvisioningMessages.Where(m => m.EnvelopeId == envelope.Id).OrderBy(m => m.Id).Select(m => new { m.Kind, m.Outcome, m.SoftfailCount }).ToListAsync(Ct);

        Assert.Equal((500, "MaxAttemptsReached", "request.googleapps.user.update"), (envelope.StatusCode, envelope.ErrorName, envelope.RoutingKey));
        Assert.Equal(2, envelope.SoftfailCount);
        Assert.Equal(2, told.Count(m => m.Outcome == MessageOutcome.Softfail));
        Assert.Equal(2, told.Count(m => m.Kind == MessageKind.Request && m.SoftfailCount > 0));
        Assert.DoesNotContain(told, m => m.Kind == MessageKind.Reply);
        Assert.Single(told, m => m.Kind == MessageKind.Log && m.Outcome == MessageOutcome.Hardfail);
    }

    [Fact]
    public async Task SuccessAfterSoftfail_MarksTheEnvelopeSucceededLater()
    {
        Daemon.Plan("later@gadz.org", Answer.Softfail(503, null, "busy"));
        var requestId = await Daemon.SendRequestAsync("create", Create("later@gadz.org"));

        var envelope = await portal.EnvelopeOfAsync(requestId, e => e.State == EnvelopeState.SucceededLater, "the envelope succeeded later");

        Assert.Null(envelope.NextTryAt);
    }

    [Fact]
    public async Task Version1FailureLog_IsLinkedToItsVersion1Request()
    {
        Daemon.Plan("old@gadz.org", Answer.Hardfail(422, "InvalidPayload", "bad payload"));
        var requestId = await Daemon.SendRequestAsync("create", Create("old@gadz.org"), version: 1);

        var envelope = await portal.EnvelopeOfAsync(requestId, e => e.State == EnvelopeState.Failed, "the 1.0 envelope");

        Assert.NotNull(envelope.RequestId);
        Assert.Equal(("InvalidPayload", "bad payload", "old@gadz.org"), (envelope.ErrorName, envelope.ErrorMessage, envelope.Email));
    }

    [Fact]
    public async Task UnreadableMessage_IsKeptWithRawBodyAndReason_AndAcknowledged()
    {
        await ProvisioningRig.PublishToLogAsync(broker, [("reply.googleapps.user.create",
            new BasicProperties { MessageId = "unreadable-1", CorrelationId = "nobody", Type = "reply", Headers = ProvisioningRig.V2Headers(500, "hardfail") },
            "{this is not json")]);

        var envelope = await Eventually.FoundAsync("the unreadable envelope", () => portal.QueryAsync(db => db.ProvisioningEnvelopes.AsNoTracking()
            .SingleOrDefaultAsync(e => e.Kind == EnvelopeKind.Unreadable && e.RawBody == "{this is not json", Ct)));

        Assert.StartsWith("the body is not valid JSON", envelope.ParseError, StringComparison.Ordinal);
        Assert.Contains("unreadable-1", envelope.RawProperties, StringComparison.Ordinal);
        await Eventually.TrueAsync("the capture queue drained", async () => await WaitingAsync() == 0);
    }

    [Fact]
    public async Task PasswordHash_IsScrubbedAtAnyDepth_BeforeAnythingIsStored()
    {
        Daemon.Plan("hash@gadz.org", Answer.Hardfail(500, "InternalError", "GrAM refused the update",
            """{"gram_account":{"uuid":"u","profile":{"password_hash":"$2a$10$SECRETHASHVALUE"}}}""", """{"hashed_password":"$2a$10$OTHERSECRET"}"""));
        var requestId = await Daemon.SendRequestAsync("create", """{"gram_account_uuid":"c9f0f895-fb98-4b91-99f5-1a2b3c4d5e6f","primary_email":"hash@gadz.org","password":"plain-text-pw"}""");

        var envelope = await portal.EnvelopeOfAsync(requestId, e => e.State == EnvelopeState.Failed, "the 500 envelope");
        await using var db = await portal.DbAsync();
        var bodies = await db.ProvisioningMessages.Where(m => m.CorrelationId == requestId || m.MessageId == requestId).Select(m => m.Body ?? "").ToListAsync(Ct);

        Assert.True(envelope.Scrubbed);
        Assert.Contains("\"password_hash\":\"***\"", envelope.ErrorData, StringComparison.Ordinal);
        foreach (var stored in bodies.Append(envelope.ErrorData!).Append(envelope.Debug!))
        {
            Assert.DoesNotContain("SECRETHASHVALUE", stored, StringComparison.Ordinal);
            Assert.DoesNotContain("OTHERSECRET", stored, StringComparison.Ordinal);
            Assert.DoesNotContain("plain-text-pw", stored, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Rerun_PublishesTheOriginalRequestAgain_AndTheSuccessReplyClosesTheEnvelope()
    {
        Daemon.Plan("rerun@gadz.org", Answer.Hardfail(409, "GoogleAccountAlreadyExists", "taken"));
        var body = Create("rerun@gadz.org", "45c48cce-2e2d-4fbd-8a1e-0a1b2c3d4e5f");
        var requestId = await Daemon.SendRequestAsync("create", body);
        var envelope = await portal.EnvelopeOfAsync(requestId, e => e.State == EnvelopeState.Failed, "the 409 envelope");
        using var client = _capturing!.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", await portal.CreateApiKeyAsync(ApiKeyScopes.EnvelopesWrite));

        var response = await client.PostAsync($"/api/provisioning/envelopes/{envelope.Id}/reruns", null, Ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var rerun = await Eventually.FoundAsync("the rerun at the daemon", () => Task.FromResult(Daemon.Received.LastOrDefault(r => r.Headers.ContainsKey("x-switchboard-rerun-of"))));
        Assert.Equal(("request.googleapps.user.create", "exchange", body), (rerun.RoutingKey, rerun.ReplyTo, rerun.Body));
        Assert.NotEqual(requestId, rerun.MessageId);
        Assert.Equal(("2.0", "0", envelope.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            (rerun.Headers["soa-version"], rerun.Headers["softfail-count"], rerun.Headers["x-switchboard-rerun-of"]));

        var closed = await portal.EnvelopeOfAsync(requestId, e => e.State == EnvelopeState.SucceededLater, "the envelope closed by the rerun's success");
        Assert.Equal(1, closed.Reruns);
        await using var db = await portal.DbAsync();
        Assert.True(await db.ProvisioningMessages.AnyAsync(m => m.EnvelopeId == envelope.Id && m.Outcome == MessageOutcome.Success && m.CorrelationId == rerun.MessageId, Ct));
    }

    [Fact]
    public async Task EditAndRerun_RefusesABodyThatFailsTheSchema_AndSendsNothing()
    {
        Daemon.Plan("edit@gadz.org", Answer.Hardfail(422, "InvalidPayload", "bad"));
        var requestId = await Daemon.SendRequestAsync("create", Create("edit@gadz.org"));
        var envelope = await portal.EnvelopeOfAsync(requestId, e => e.State == EnvelopeState.Failed, "the 422 envelope");
        using var client = _capturing!.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", await portal.CreateApiKeyAsync(ApiKeyScopes.EnvelopesWrite));
        var received = Daemon.Received.Count;

        var response = await client.PostAsJsonAsync($"/api/provisioning/envelopes/{envelope.Id}/reruns",
            new { body = new { gram_account_uuid = "not-a-uuid", aliases = "x" } }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Mvc.ValidationProblemDetails>(Ct);
        Assert.Contains("is required", problem!.Errors["primary_email"]);
        Assert.Contains("gram_account_uuid", problem.Errors.Keys);
        Assert.Contains("must be an array", problem.Errors["aliases"]);
        await using var db = await portal.DbAsync();
        Assert.Equal(EnvelopeState.Failed, (await db.ProvisioningEnvelopes.SingleAsync(e => e.Id == envelope.Id, Ct)).State);
        Assert.Equal(received, Daemon.Received.Count);
    }

    [Fact]
    public async Task LaterMessageWithoutStatusCode_KeepsStoredStatusCode()
    {
        // The real daemon: a failure reply with every detail, then its log of the same failure with none but the error type.
        var requestId = "keep-" + Guid.NewGuid().ToString("N");
        await ProvisioningRig.PublishToLogAsync(broker, [
            ("request.googleapps.user.create", new BasicProperties { MessageId = requestId, Type = "request", ReplyTo = "exchange", Headers = ProvisioningRig.V2Headers() },
                Create("keep@gadz.org", "b6d767d2-f8ad-4e6f-9a3c-1d2e3f4a5b6c")),
            ("reply.googleapps.user.create", new BasicProperties { MessageId = requestId + "-reply", CorrelationId = requestId, Type = "reply", Headers = ProvisioningRig.V2Headers(400, "hardfail", "ExistingGoogleAccount") },
                """{"error_message":"account exists","error_data":{"google_id":"4455"},"debug_message":{"trace":"t1"}}"""),
            ("log.googleapps.user.create", new BasicProperties { MessageId = requestId + "-log", CorrelationId = requestId, Type = "log", Headers = LogHeadersOnly("hardfail") }, ""),
        ]);

        var envelope = await Eventually.FoundAsync("the reply and the log stored", () => portal.QueryAsync(async db =>
            await db.ProvisioningMessages.CountAsync(m => m.CorrelationId == requestId && m.EnvelopeId != null, Ct) == 2
                ? await db.ProvisioningEnvelopes.AsNoTracking().SingleAsync(e => e.CorrelationId == requestId, Ct) : null));

        Assert.Equal((400, "hardfail", "ExistingGoogleAccount", "account exists"), (envelope.StatusCode, envelope.ErrorType, envelope.ErrorName, envelope.ErrorMessage));
        Assert.Contains("4455", envelope.ErrorData, StringComparison.Ordinal);
        Assert.Contains("t1", envelope.Debug, StringComparison.Ordinal);
        await using var db = await portal.DbAsync();
        Assert.Equal("ExistingGoogleAccount", (await db.FailureGroups.SingleAsync(g => g.Id == envelope.GroupId, Ct)).Title);
        Assert.False(await db.FailureGroups.AnyAsync(g => g.Title == "Unnamed failure" && g.RoutingKey == "request.googleapps.user.create", Ct));

        // The status-code filter of the API finds it.
        using var reader = portal.ClientWithKey(await portal.CreateApiKeyAsync(ApiKeyScopes.EnvelopesRead));
        var page = await reader.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/provisioning/envelopes?statusCode=400&search=keep@gadz.org", Ct);
        Assert.Contains(page.GetProperty("items").EnumerateArray(), e => e.GetProperty("id").GetInt64() == envelope.Id);
    }

    [Fact]
    public async Task RerunFailureLogWithoutStatusCode_KeepsTheRerunsStatusCode()
    {
        Daemon.Plan("rerunkeep@gadz.org", Answer.Hardfail(409, "GoogleAccountAlreadyExists", "taken"), Answer.Hardfail(409, "GoogleAccountAlreadyExists", "taken"));
        var requestId = await Daemon.SendRequestAsync("create", Create("rerunkeep@gadz.org", "1679091c-5a88-4faf-8b8d-0a1b2c3d4e5f"));
        var envelope = await portal.EnvelopeOfAsync(requestId, e => e.State == EnvelopeState.Failed, "the 409 envelope");
        using var client = _capturing!.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", await portal.CreateApiKeyAsync(ApiKeyScopes.EnvelopesWrite));
        var rerun = await (await client.PostAsync($"/api/provisioning/envelopes/{envelope.Id}/reruns", null, Ct)).Content.ReadFromJsonAsync<RerunResult>(Ct);
        await Eventually.TrueAsync("the rerun's reply and log linked", () => portal.QueryAsync(async db =>
            await db.ProvisioningMessages.CountAsync(m => m.CorrelationId == rerun!.MessageId && m.EnvelopeId == envelope.Id, Ct) >= 2));

        // The daemon's log of the rerun's failure, as the real one sends it: no status code, no name, no body.
        await ProvisioningRig.PublishToLogAsync(broker, [("log.googleapps.user.create",
            new BasicProperties { MessageId = rerun!.MessageId + "-log2", CorrelationId = rerun.MessageId, Type = "log", Headers = LogHeadersOnly("hardfail") }, "")]);
        await Eventually.TrueAsync("the detail-less log linked", () => portal.QueryAsync(db =>
            db.ProvisioningMessages.AnyAsync(m => m.MessageId == rerun.MessageId + "-log2" && m.EnvelopeId == envelope.Id, Ct)));

        await using var after = await portal.DbAsync();
        var stored = await after.ProvisioningEnvelopes.SingleAsync(e => e.Id == envelope.Id, Ct);
        Assert.Equal((409, "hardfail", "GoogleAccountAlreadyExists", "taken"), (stored.StatusCode, stored.ErrorType, stored.ErrorName, stored.ErrorMessage));
        Assert.Equal(envelope.GroupId, stored.GroupId);
    }

    /// <summary>Headers of the daemon's failure log: the error type and nothing else (no <c>status-code</c>, no <c>error-name</c>).</summary>
    private static Dictionary<string, object?> LogHeadersOnly(string errorType) => new() { ["soa-version"] = "2.0", ["error-type"] = errorType, ["softfail-count"] = 0 };

    private async Task<uint> WaitingAsync()
    {
        await using var connection = await new ConnectionFactory { Uri = new Uri(broker.Uri) }.CreateConnectionAsync(Ct);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: Ct);
        return (await channel.QueueDeclarePassiveAsync(new ProvisioningQueueOptions().Queue, Ct)).MessageCount;
    }
}

public sealed class ProvisioningCaptureTestsOnSqlite(PortalFactory portal, RabbitMqBroker broker) : ProvisioningCaptureTests(portal, broker), IClassFixture<PortalFactory>;

public sealed class ProvisioningCaptureTestsOnPostgres(PostgresPortalFactory portal, RabbitMqBroker broker) : ProvisioningCaptureTests(portal, broker), IClassFixture<PostgresPortalFactory>;
