using System.Text;
using System.Text.Json.Nodes;
using Switchboard.Domain.Provisioning;

namespace Switchboard.UnitTests.Provisioning;

public sealed class SoaMessageReaderTests
{
    private static readonly DateTime Now = new(2026, 11, 24, 8, 0, 0, DateTimeKind.Utc);
    private readonly SoaMessageReader _reader = new(new SecretScrubber(SecretScrubber.DefaultPatterns));

    private static IncomingSoaMessage Message(string routingKey, string? body, SoaProperties properties, Dictionary<string, string?>? headers = null) =>
        new(routingKey, properties, headers ?? [], Encoding.UTF8.GetBytes(body ?? ""), Now);

    private static Dictionary<string, string?> V2(int? status = null, string? errorType = null, string? errorName = null, int softfails = 0, int? nextTryIn = null) => new()
    {
        ["soa-version"] = "2.0",
        ["status-code"] = status?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["error-type"] = errorType,
        ["error-name"] = errorName,
        ["softfail-count"] = softfails.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["next-try-in"] = nextTryIn?.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    [Fact]
    public void Version2Request_KeepsItsDataAndAccount()
    {
        var read = _reader.Read(Message("request.googleapps.user.create", """{"gram_account_uuid":"36A7E016-A300-4F52-85F4-6804DEDE6C6B","primary_email":"Jean@Gadz.org"}""",
            new SoaProperties("m-1", Type: "request", ReplyTo: "exchange"), V2()));

        Assert.Null(read.ParseError);
        Assert.Equal(MessageKind.Request, read.Kind);
        Assert.Equal("m-1", read.DedupeKey);
        Assert.Equal("request.googleapps.user.create", read.RequestRoutingKey);
        Assert.Equal(new AccountKeys("36a7e016-a300-4f52-85f4-6804dede6c6b", "jean@gadz.org", null), read.Account);
    }

    [Fact]
    public void Version2HardfailReply_CarriesWhateverCodeAndNameArrived()
    {
        var read = _reader.Read(Message("reply.googleapps.user.create",
            """{"error_message":"exists","debug_message":null,"error_data":{"google_id":"42"}}""",
            new SoaProperties("r-1", "m-1", Type: "reply"), V2(400, "hardfail", "GoogleAccountAlreadyRegisteredInGrAM")));

        Assert.Equal(MessageOutcome.Hardfail, read.Outcome);
        Assert.Equal("request.googleapps.user.create", read.RequestRoutingKey);
        Assert.Equal(new SoaFailure(400, "hardfail", "GoogleAccountAlreadyRegisteredInGrAM", "exists", """{"google_id":"42"}""", null), read.Failure);
        Assert.Equal("42", read.Account.GoogleId);
    }

    [Fact]
    public void Version2FailureLog_WithEmptyBody_TakesTheErrorFromHeaders()
    {
        var read = _reader.Read(Message("log.googleapps", null, new SoaProperties("l-1", "m-1", Type: "log"), V2(500, "hardfail", null)));

        Assert.Equal(MessageOutcome.Hardfail, read.Outcome);
        Assert.Equal(500, read.Failure!.StatusCode);
        Assert.Equal("Status 500", read.Failure.GroupTitle);
    }

    [Fact]
    public void Softfail_IsRetriedWithItsNextTry()
    {
        var read = _reader.Read(Message("log.googleapps", "", new SoaProperties("l-2", "m-1", Type: "log"), V2(503, "softfail", "Unavailable", nextTryIn: 1_800_000)));

        Assert.Equal(MessageOutcome.Softfail, read.Outcome);
        Assert.Equal(TimeSpan.FromMinutes(30), read.NextTryIn);
    }

    [Fact]
    public void SuccessReply_IsASuccess_EvenWithSoftfailCountZero() =>
        Assert.Equal(MessageOutcome.Success, _reader.Read(Message("reply.googleapps.user.create", """{"uuid":"x"}""", new SoaProperties("r-2", "m-1", Type: "reply"), V2(200, "null"))).Outcome);

    [Fact]
    public void RetriedRequest_IsADifferentDeliveryThanTheOriginal()
    {
        var first = _reader.Read(Message("request.googleapps.user.create", "{}", new SoaProperties("m-1", Type: "request"), V2()));
        var retried = _reader.Read(Message("request.googleapps.user.create", "{}", new SoaProperties("m-1", Type: "request"), V2(softfails: 3)));

        Assert.NotEqual(first.DedupeKey, retried.DedupeKey);
        Assert.Equal(3, retried.SoftfailCount);
    }

    [Fact]
    public void Version1FailureLog_IsLinkedToTheRequestByItsEventUuid()
    {
        var read = _reader.Read(Message("log.error", """
            {"event_uuid":"7c9e6679-7425-40de-944b-e07fc1f90ae7","event_name":"request.googleapps.user.update","event_creation_time":"2026-11-24T08:00:00Z",
             "event_sender_id":"gram","data":{"gram_account_uuid":"6512bd43-d9ca-4e6f-a2d2-3e4f5a6b7c8d"},
             "errors_count":1,"errors":[{"error_type":"harderror","error_sender":"gdd","error_code":"422","error_uuid":"9b2f1f5e-7a4c-4a8e-8d5d-2c6e1f0b3a9d","error_message":"bad","timestamp":"2026-11-24T08:00:00Z"}]}
            """, new SoaProperties()));

        Assert.Equal(MessageOutcome.Hardfail, read.Outcome);
        Assert.Equal("7c9e6679-7425-40de-944b-e07fc1f90ae7", read.CorrelationId);
        Assert.Equal("request.googleapps.user.update", read.RequestRoutingKey);
        Assert.Equal(422, read.Failure!.StatusCode);
        Assert.Equal("""{"gram_account_uuid":"6512bd43-d9ca-4e6f-a2d2-3e4f5a6b7c8d"}""", read.Body);
    }

    [Theory]
    [InlineData("2.0", "{not json", "the body is not valid JSON")]
    [InlineData(null, """{"data":{}}""", "event_uuid, event_name missing")]
    [InlineData("3.0", "{}", "unknown soa-version '3.0'")]
    public void UnreadableMessages_SayWhy(string? version, string body, string reason)
    {
        var headers = new Dictionary<string, string?> { ["soa-version"] = version };
        var read = _reader.Read(Message("reply.googleapps.user.create", body, new SoaProperties("x-1", "m-1", Type: "reply"), headers));

        Assert.Contains(reason, read.ParseError, StringComparison.Ordinal);
        Assert.Equal(body, read.Body);
    }

    [Fact]
    public void NonNumericStatusCode_MakesTheMessageUnreadable()
    {
        var headers = V2();
        headers["status-code"] = "oops";
        Assert.Contains("status-code header is not a number", _reader.Read(Message("reply.x", "{}", new SoaProperties("x"), headers)).ParseError, StringComparison.Ordinal);
    }

    [Fact]
    public void PasswordHash_IsScrubbedAtAnyDepth_AndTheMessageSaysSo()
    {
        var read = _reader.Read(Message("reply.googleapps.user.update",
            """{"error_message":"x","error_data":{"gram_account":{"uuid":"u","Password_Hash":"$2a$10$abc","nested":[{"passwd":"p"}]}},"debug_message":{"token":"t"}}""",
            new SoaProperties("r-3", "m-1", Type: "reply"), V2(500, "hardfail", "InternalError")));

        Assert.True(read.Scrubbed);
        Assert.DoesNotContain("$2a$10$abc", read.Body, StringComparison.Ordinal);
        var data = JsonNode.Parse(read.Failure!.ErrorData!)!;
        Assert.Equal("***", data["gram_account"]!["Password_Hash"]!.GetValue<string>());
        Assert.Equal("***", data["gram_account"]!["nested"]![0]!["passwd"]!.GetValue<string>());
        Assert.Equal("u", data["gram_account"]!["uuid"]!.GetValue<string>());
        Assert.Contains("***", read.Failure.Debug, StringComparison.Ordinal);
    }

    [Fact]
    public void SecretHeaderNamedByPattern_IsStoredMasked()
    {
        var headers = V2(500, "hardfail");
        headers["x-token"] = "tok-123";
        headers["X-Api-Key"] = "key-456";
        var read = _reader.Read(Message("reply.x", """{"access_token":"at-789"}""", new SoaProperties("r-9", "m-9", Type: "reply"), headers));

        Assert.True(read.Scrubbed);
        Assert.DoesNotContain("tok-123", read.HeadersJson, StringComparison.Ordinal);
        Assert.DoesNotContain("key-456", read.HeadersJson, StringComparison.Ordinal);
        Assert.DoesNotContain("at-789", read.Body, StringComparison.Ordinal);
        Assert.Contains("\"status-code\":\"500\"", read.HeadersJson, StringComparison.Ordinal);
    }

    [Fact]
    public void UnreadableBody_HasSecretsMaskedInJsonLikeAndFormText()
    {
        var read = _reader.Read(Message("request.x", """uuid=1&password=hunter2 {"secret": "s3", broken""", new SoaProperties("m-9", Type: "request"), V2()));

        Assert.NotNull(read.ParseError);
        Assert.True(read.Scrubbed);
        Assert.DoesNotContain("hunter2", read.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("s3", read.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void MessageWithoutId_IsRecognisedWhenDeliveredTwice()
    {
        var a = _reader.Read(Message("reply.x", """{"a":1}""", new SoaProperties(Type: "reply"), V2(500, "hardfail")));
        var b = _reader.Read(Message("reply.x", """{"a":1}""", new SoaProperties(Type: "reply"), V2(500, "hardfail")));
        Assert.Equal(a.DedupeKey, b.DedupeKey);
    }
}
