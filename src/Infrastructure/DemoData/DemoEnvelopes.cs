using System.Text;
using Switchboard.Domain.Provisioning;

namespace Switchboard.Infrastructure.DemoData;

/// <summary>
/// The provisioning daemon's traffic of a bad morning, for the embedded default's demo data: every kind of envelope
/// (422 with schema errors, both 409s, a 500 whose debug data held a password hash, the open-source daemon's 400, an
/// unreadable message, a softfail still retrying, a softfail the daemon gave up on, a 1.0 envelope) and a success.
/// Stored through the same capture as the broker's messages.
/// </summary>
public static class DemoEnvelopes
{
    private const string Daemon = "GoogleDirectoryDaemon";
    private const string Gram = "gram-api";

    public static IReadOnlyList<IncomingSoaMessage> Messages(DateTime now)
    {
        var messages = new List<IncomingSoaMessage>();
        var at = now.AddHours(-6);

        void Pair(string action, string id, string body, int status, string? errorName, string failureBody)
        {
            messages.Add(Request(action, id, body, at));
            messages.Add(Reply(action, id, status, "hardfail", errorName, failureBody, at.AddSeconds(2)));
            at = at.AddMinutes(23);
        }

        Pair("create", "5b0c8a52-3f0e-4a4c-9a51-0c1d9e9f0a01",
            """{"gram_account_uuid":"36a7e016-a300-4f52-85f4-6804dede6c6b","primary_email":"jean.dupont@gadz.org","aliases":["jean.dupont.2015@gadz.org"]}""",
            409, "GoogleAccountAlreadyRegisteredInGram",
            """{"error_message":"The GrAM account already holds the Google id 112233445566778899001 of an existing Google account","debug_message":null,"error_data":{"google_id":"112233445566778899001","primary_email":"j.dupont@gadz.org","first_name":"Jean","last_name":"Dupont","uuid":"36a7e016-a300-4f52-85f4-6804dede6c6b"}}""");
        Pair("create", "5b0c8a52-3f0e-4a4c-9a51-0c1d9e9f0a02",
            """{"gram_account_uuid":"8f14e45f-ceea-467a-9af0-2f6b3c5d7e11","primary_email":"marie.curie@gadz.org","aliases":[]}""",
            409, "GoogleAccountAlreadyExists",
            """{"error_message":"A Google account already uses marie.curie@gadz.org","debug_message":null,"error_data":{"google_id":"998877665544332211009","primary_email":"marie.curie@gadz.org","first_name":"Marie","last_name":"Sklodowska","uuid":"0c1d2e3f-4a5b-4c6d-8e7f-8091a2b3c4d5"}}""");
        Pair("create", "5b0c8a52-3f0e-4a4c-9a51-0c1d9e9f0a03",
            """{"gram_account_uuid":"not-a-uuid","aliases":"louis.pasteur@gadz.org"}""",
            422, "InvalidPayload",
            """{"error_message":"The message does not match the expected schema","debug_message":null,"error_data":{"errors":["The property '#/' did not contain a required property of 'primary_email'","The property '#/gram_account_uuid' value \"not-a-uuid\" did not match the regex","The property '#/aliases' of type string did not match the following type: array"]}}""");
        Pair("update", "5b0c8a52-3f0e-4a4c-9a51-0c1d9e9f0a04",
            """{"gram_account_uuid":"c9f0f895-fb98-4b91-99f5-1a2b3c4d5e6f","primary_email":"gustave.eiffel@gadz.org"}""",
            500, "InternalError",
            """{"error_message":"GrAM refused the update of the account: invalid birth date","debug_message":"Gram::Account#save failed (422)","error_data":{"google_account":{"id":"554433221100998877665","primary_email":"gustave.eiffel@gadz.org","created":true},"gram_account":{"uuid":"c9f0f895-fb98-4b91-99f5-1a2b3c4d5e6f","hruid":"gustave.eiffel.1855","password_hash":"$2a$10$Q0xkYmZ3cWx6dWxvZ3V4ZW9qb2N3dXo","birth_date":"1832-13-15"}}}""");
        Pair("create", "5b0c8a52-3f0e-4a4c-9a51-0c1d9e9f0a05",
            """{"gram_account_uuid":"45c48cce-2e2d-4fbd-8a1e-0a1b2c3d4e5f","primary_email":"sophie.germain@gadz.org","aliases":[]}""",
            400, "ExistingGoogleAccount",
            """{"error_message":"Google account sophie.germain@gadz.org already exists","debug_message":null,"error_data":null}""");

        // A softfail the daemon is still retrying: its log, then the request back from the deferred queue with its try count.
        var retrying = "5b0c8a52-3f0e-4a4c-9a51-0c1d9e9f0a06";
        const string retryingBody = """{"gram_account_uuid":"d3d94468-02a4-4f1b-9c3e-6b7a8c9d0e1f","primary_email":"blaise.pascal@gadz.org","aliases":[]}""";
        messages.Add(Request("create", retrying, retryingBody, at));
        messages.Add(Log(retrying, 503, "softfail", "GoogleApiUnavailable", """{"error_message":"Google API answered 503 Backend Error","debug_message":null,"error_data":null}""", at.AddSeconds(1), nextTryIn: 1_800_000));
        messages.Add(Request("create", retrying, retryingBody, at.AddMinutes(30), softfailCount: 1));
        messages.Add(Log(retrying, 503, "softfail", "GoogleApiUnavailable", """{"error_message":"Google API answered 503 Backend Error","debug_message":null,"error_data":null}""", at.AddMinutes(30).AddSeconds(1), nextTryIn: 1_800_000));
        at = at.AddMinutes(41);

        // A softfail the daemon gave up on: the end is a failure log only, with an empty body.
        var gaveUp = "5b0c8a52-3f0e-4a4c-9a51-0c1d9e9f0a07";
        messages.Add(Request("delete", gaveUp, """{"google_account_key":"102030405060708090100"}""", at));
        messages.Add(Log(gaveUp, 500, "softfail", null, """{"error_message":"Connection reset by Google","debug_message":null,"error_data":null}""", at.AddSeconds(1), nextTryIn: 1_800_000));
        messages.Add(Log(gaveUp, 500, "hardfail", "MaxAttemptsReached", "", at.AddMinutes(31)));
        at = at.AddMinutes(37);

        // A 1.0 envelope: the request itself comes back on the log key with its errors appended.
        messages.Add(new IncomingSoaMessage("log.error", new SoaProperties(Type: "log", AppId: Daemon), new Dictionary<string, string?>(), Encoding.UTF8.GetBytes($$$"""
            {"event_uuid":"7c9e6679-7425-40de-944b-e07fc1f90ae7","event_name":"request.googleapps.user.update","event_creation_time":"{{{at:yyyy-MM-ddTHH:mm:ssZ}}}","event_sender_id":"gram","data":{"gram_account_uuid":"6512bd43-d9ca-4e6f-a2d2-3e4f5a6b7c8d","primary_email":"henri.poincare@gadz.org"},
             "errors_count":1,"errors":[{"error_type":"harderror","error_sender":"{{{Daemon}}}","error_code":"NotExistingGoogleAccount","error_uuid":"9b2f1f5e-7a4c-4a8e-8d5d-2c6e1f0b3a9d","error_message":"No Google account for henri.poincare@gadz.org","timestamp":"{{{at:yyyy-MM-ddTHH:mm:ssZ}}}","error_debug":{"google_id":"314159265358979323846"}}]}
            """), at));
        at = at.AddMinutes(12);

        // What a broken producer sends.
        messages.Add(new IncomingSoaMessage("request.googleapps.user.create", new SoaProperties("5b0c8a52-3f0e-4a4c-9a51-0c1d9e9f0a08", Type: "request", AppId: "legacy-sync"),
            new Dictionary<string, string?> { ["soa-version"] = "2.0" }, Encoding.UTF8.GetBytes("gram_account_uuid=2b8f...&primary_email=alan.turing@gadz.org&password=hunter2"), at));
        at = at.AddMinutes(9);

        // And a request that went well.
        const string fine = "5b0c8a52-3f0e-4a4c-9a51-0c1d9e9f0a09";
        messages.Add(Request("create", fine, """{"gram_account_uuid":"1679091c-5a88-4faf-9a1b-2c3d4e5f6a7b","primary_email":"ada.lovelace@gadz.org","aliases":[]}""", at));
        messages.Add(Reply("create", fine, 200, null, null, """{"uuid":"1679091c-5a88-4faf-9a1b-2c3d4e5f6a7b","google_id":"271828182845904523536"}""", at.AddSeconds(3)));
        return messages;
    }

    private static IncomingSoaMessage Request(string action, string id, string body, DateTime at, int softfailCount = 0) =>
        new($"request.googleapps.user.{action}", new SoaProperties(id, ReplyTo: "exchange", Type: "request", AppId: Gram),
            new Dictionary<string, string?> { ["soa-version"] = "2.0", ["softfail-count"] = softfailCount.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            Encoding.UTF8.GetBytes(body), at);

    private static IncomingSoaMessage Reply(string action, string requestId, int status, string? errorType, string? errorName, string body, DateTime at) =>
        new($"reply.googleapps.user.{action}", new SoaProperties(Guid.NewGuid().ToString(), requestId, Type: "reply", AppId: Daemon),
            Headers(status, errorType, errorName, null), Encoding.UTF8.GetBytes(body), at);

    private static IncomingSoaMessage Log(string requestId, int status, string errorType, string? errorName, string body, DateTime at, int? nextTryIn = null) =>
        new("log.googleapps.user", new SoaProperties(Guid.NewGuid().ToString(), requestId, Type: "log", AppId: Daemon),
            Headers(status, errorType, errorName, nextTryIn), Encoding.UTF8.GetBytes(body), at);

    private static Dictionary<string, string?> Headers(int status, string? errorType, string? errorName, int? nextTryIn) => new()
    {
        ["soa-version"] = "2.0",
        ["status-code"] = status.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["error-type"] = errorType,
        ["error-name"] = errorName,
        ["next-try-in"] = nextTryIn?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["softfail-count"] = "0",
    };
}
