using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Switchboard.Domain.Provisioning;

/// <summary>
/// Reads a gorg SOA message of either version (2.0: header <c>soa-version: "2.0"</c>, bare data and failure details in
/// headers; 1.0: an envelope body with <c>data</c> and <c>errors</c>) into a <see cref="CapturedMessage"/>, scrubbing
/// secrets on the way. Never throws for bad input: what cannot be read comes back with a <c>ParseError</c>.
/// </summary>
public sealed class SoaMessageReader(SecretScrubber scrubber)
{
    // Stored JSON keeps quotes and apostrophes as they are (the pages encode what they show).
    private static readonly JsonSerializerOptions Compact = new() { WriteIndented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly string[] EnvelopeFields = ["event_uuid", "event_name", "data"];

    public CapturedMessage Read(IncomingSoaMessage message)
    {
        var headers = ScrubHeaders(message.Headers);
        var headersJson = JsonSerializer.Serialize(headers, Compact);
        var propertiesJson = JsonSerializer.Serialize(message.Properties, Compact);
        var version = headers.GetValueOrDefault("soa-version") is { Length: > 0 } v ? v.Trim() : "1.0";
        var draft = new CapturedMessage
        {
            DedupeKey = "",
            MessageId = Blank(message.Properties.MessageId),
            CorrelationId = Blank(message.Properties.CorrelationId),
            RoutingKey = message.RoutingKey,
            ReplyTo = Blank(message.Properties.ReplyTo),
            AppId = Blank(message.Properties.AppId),
            SoaVersion = version,
            PropertiesJson = propertiesJson,
            HeadersJson = headersJson,
            ReceivedAt = message.ReceivedAt,
        };

        try
        {
            return version switch
            {
                "2.0" => ReadVersion2(message, headers, draft),
                "1.0" => ReadVersion1(message, draft),
                _ => Unreadable(message, draft, $"unknown soa-version '{version}' (expected 1.0 or 2.0)"),
            };
        }
        catch (JsonException malformed)
        {
            return Unreadable(message, draft, $"the body is not valid JSON: {malformed.Message}");
        }
        catch (FormatException bad)
        {
            return Unreadable(message, draft, bad.Message);
        }
    }

    private CapturedMessage ReadVersion2(IncomingSoaMessage message, Dictionary<string, string?> headers, CapturedMessage draft)
    {
        var kind = KindOf(message.Properties.Type, message.RoutingKey);
        var body = ParseBody(message.Body);
        var scrubbed = scrubber.Scrub(body);
        var statusCode = IntHeader(headers, "status-code");
        var errorType = Blank(headers.GetValueOrDefault("error-type")) is { } type && !type.Equals("null", StringComparison.OrdinalIgnoreCase) ? type.ToLowerInvariant() : null;
        var outcome = kind switch
        {
            MessageKind.Reply or MessageKind.Log when errorType == "softfail" => MessageOutcome.Softfail,
            MessageKind.Reply or MessageKind.Log when errorType == "hardfail" || statusCode >= 400 => MessageOutcome.Hardfail,
            MessageKind.Reply => MessageOutcome.Success,
            _ => MessageOutcome.None,
        };
        var softfailCount = IntHeader(headers, "softfail-count") ?? 0;
        var nextTryIn = IntHeader(headers, "next-try-in") is { } ms and > 0 ? TimeSpan.FromMilliseconds(ms) : (TimeSpan?)null;
        SoaFailure? failure = null;
        if (outcome is MessageOutcome.Hardfail or MessageOutcome.Softfail)
        {
            var details = body as JsonObject;
            failure = new SoaFailure(statusCode, errorType, Blank(headers.GetValueOrDefault("error-name")),
                Text(details?["error_message"]), Json(details?["error_data"]), Json(details?["debug_message"]));
        }

        var account = kind == MessageKind.Request ? AccountIn(body) : AccountIn((body as JsonObject)?["error_data"]);
        var dedupe = draft.MessageId is { } id
            ? kind == MessageKind.Request && softfailCount > 0 ? $"{id}#try{softfailCount}" : id
            : Fingerprint(message);
        return draft with
        {
            DedupeKey = dedupe,
            Kind = kind,
            Outcome = outcome,
            RequestRoutingKey = RequestKeyOf(kind, message.RoutingKey),
            Body = body?.ToJsonString(Compact),
            Failure = failure,
            SoftfailCount = softfailCount,
            NextTryIn = nextTryIn,
            Account = account,
            Scrubbed = scrubbed || draft.HeadersJson.Contains(SecretScrubber.Mask, StringComparison.Ordinal),
        };
    }

    private CapturedMessage ReadVersion1(IncomingSoaMessage message, CapturedMessage draft)
    {
        if (ParseBody(message.Body) is not JsonObject envelope)
        {
            return Unreadable(message, draft, "not a gorg SOA 1.0 envelope: the body is not a JSON object");
        }

        var missing = EnvelopeFields.Where(k => envelope[k] is null).ToList();
        if (missing.Count > 0)
        {
            return Unreadable(message, draft, $"not a gorg SOA 1.0 envelope: {string.Join(", ", missing)} missing");
        }

        var scrubbed = scrubber.Scrub(envelope);
        var uuid = Text(envelope["event_uuid"])!;
        var name = Text(envelope["event_name"])!;
        var errors = envelope["errors"] as JsonArray ?? [];
        var last = errors.OfType<JsonObject>().LastOrDefault(e => Text(e["error_type"]) is "harderror" or "softerror");
        var softfails = errors.OfType<JsonObject>().Count(e => Text(e["error_type"]) == "softerror");
        var kind = last is not null ? MessageKind.Log : KindOf(null, name);
        var outcome = last is null
            ? kind == MessageKind.Reply ? MessageOutcome.Success : MessageOutcome.None
            : Text(last["error_type"]) == "harderror" ? MessageOutcome.Hardfail : MessageOutcome.Softfail;
        SoaFailure? failure = null;
        if (last is not null)
        {
            var code = Text(last["error_code"]);
            var numeric = int.TryParse(code, NumberStyles.Integer, CultureInfo.InvariantCulture, out var status);
            failure = new SoaFailure(numeric ? status : null, outcome == MessageOutcome.Hardfail ? "hardfail" : "softfail",
                numeric ? null : Blank(code), Text(last["error_message"]), null, Json(last["error_debug"]));
        }

        return draft with
        {
            // A 1.0 failure log is the request itself with errors appended: same event_uuid, so it is keyed by its error count.
            DedupeKey = last is null ? draft.MessageId ?? uuid : $"{uuid}#errors{errors.Count}",
            MessageId = last is null ? draft.MessageId ?? uuid : draft.MessageId,
            CorrelationId = last is null ? draft.CorrelationId : uuid,
            Kind = kind,
            Outcome = outcome,
            RequestRoutingKey = last is null ? RequestKeyOf(kind, name) : name,
            Body = envelope["data"]?.ToJsonString(Compact),
            Failure = failure,
            SoftfailCount = softfails,
            Account = AccountIn(envelope["data"]).Or(AccountIn(last?["error_debug"])),
            Scrubbed = scrubbed,
        };
    }

    private CapturedMessage Unreadable(IncomingSoaMessage message, CapturedMessage draft, string reason)
    {
        var raw = Encoding.UTF8.GetString(message.Body.Span);
        var (text, scrubbed) = scrubber.ScrubText(raw);
        return draft with
        {
            DedupeKey = draft.MessageId ?? Fingerprint(message),
            Kind = KindOf(message.Properties.Type, message.RoutingKey),
            Outcome = MessageOutcome.None,
            Body = text,
            Scrubbed = scrubbed,
            ParseError = reason,
        };
    }

    public static MessageKind KindOf(string? type, string routingKey)
    {
        var word = Blank(type) ?? routingKey.Split('.', 2)[0];
        return word.ToLowerInvariant() switch
        {
            "request" => MessageKind.Request,
            "reply" => MessageKind.Reply,
            "log" => MessageKind.Log,
            _ => MessageKind.Event,
        };
    }

    /// <summary><c>reply.googleapps.user.create</c> answers <c>request.googleapps.user.create</c>.</summary>
    public static string? RequestKeyOf(MessageKind kind, string routingKey) => kind switch
    {
        MessageKind.Request => routingKey,
        MessageKind.Reply when routingKey.StartsWith("reply.", StringComparison.Ordinal) => "request." + routingKey["reply.".Length..],
        _ => null,
    };

    private static JsonNode? ParseBody(ReadOnlyMemory<byte> body)
    {
        if (body.Span.Trim(" \t\r\n"u8).IsEmpty)
        {
            return null;
        }

        return JsonNode.Parse(body.Span, documentOptions: new JsonDocumentOptions { MaxDepth = 64 });
    }

    private Dictionary<string, string?> ScrubHeaders(IReadOnlyDictionary<string, string?> headers)
    {
        var scrubbed = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in headers)
        {
            scrubbed[key] = scrubber.IsSecret(key) ? SecretScrubber.Mask : value;
        }

        return scrubbed;
    }

    private static int? IntHeader(Dictionary<string, string?> headers, string name) =>
        Blank(headers.GetValueOrDefault(name)) is not { } text || text.Equals("null", StringComparison.OrdinalIgnoreCase) ? null
        : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value
        : throw new FormatException($"the {name} header is not a number: '{text}'");

    private static AccountKeys AccountIn(JsonNode? data) => data is JsonObject o
        ? new AccountKeys(Text(o["gram_account_uuid"])?.ToLowerInvariant(), Text(o["primary_email"])?.ToLowerInvariant(),
            Text(o["google_id"]) ?? Text(o["google_account_key"]))
        : AccountKeys.None;

    private static string? Text(JsonNode? node) => node is JsonValue value
        ? value.TryGetValue<string>(out var s) ? Blank(s) : value.ToJsonString()
        : null;

    private static string? Json(JsonNode? node) => node is null ? null : node.ToJsonString(Compact);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string Fingerprint(IncomingSoaMessage message)
    {
        var text = message.RoutingKey + "\n" + string.Join("\n", message.Headers.OrderBy(h => h.Key, StringComparer.Ordinal).Select(h => $"{h.Key}={h.Value}"));
        var hash = SHA256.HashData([.. Encoding.UTF8.GetBytes(text), .. message.Body.Span]);
        return "sha256:" + Convert.ToHexStringLower(hash);
    }
}
