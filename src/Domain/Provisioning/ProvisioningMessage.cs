namespace Switchboard.Domain.Provisioning;

/// <summary>
/// A captured request, reply or log of the provisioning daemon, as stored (scrubbed). Requests are kept for reruns;
/// messages not tied to an envelope are pruned after the retention period. Written in batches by plain SQL.
/// </summary>
public sealed class ProvisioningMessage
{
    private ProvisioningMessage()
    {
    }

    public long Id { get; private set; }
    public string DedupeKey { get; private set; } = "";
    public string? MessageId { get; private set; }
    public string? CorrelationId { get; private set; }
    public MessageKind Kind { get; private set; }
    public MessageOutcome Outcome { get; private set; }
    public string RoutingKey { get; private set; } = "";
    public string? ReplyTo { get; private set; }
    public string? AppId { get; private set; }
    public string SoaVersion { get; private set; } = "";
    public string PropertiesJson { get; private set; } = "";
    public string HeadersJson { get; private set; } = "";
    public string? Body { get; private set; }
    public int? StatusCode { get; private set; }
    public string? ErrorType { get; private set; }
    public string? ErrorName { get; private set; }
    public string? ErrorMessage { get; private set; }
    public int SoftfailCount { get; private set; }
    public string? GramAccountUuid { get; private set; }
    public string? Email { get; private set; }
    public string? GoogleId { get; private set; }
    public DateTime ReceivedAt { get; private set; }

    /// <summary>The envelope this message is part of (its request, tries, failure, reruns, replies).</summary>
    public long? EnvelopeId { get; private set; }

    /// <summary>Set on a request Switchboard published to rerun that envelope.</summary>
    public long? RerunOfEnvelopeId { get; private set; }
    public string? RerunBy { get; private set; }

    /// <summary>A request Switchboard publishes to rerun an envelope: stored before it is sent, part of the envelope's timeline.</summary>
    public static ProvisioningMessage Rerun(ProvisioningMessage original, long envelopeId, string messageId, string body, string headersJson, string actor, DateTime now) => new()
    {
        DedupeKey = messageId,
        MessageId = messageId,
        Kind = MessageKind.Request,
        Outcome = MessageOutcome.None,
        RoutingKey = original.RoutingKey,
        ReplyTo = original.ReplyTo,
        AppId = "switchboard",
        SoaVersion = "2.0",
        PropertiesJson = $$"""{"MessageId":"{{messageId}}","ReplyTo":{{System.Text.Json.JsonSerializer.Serialize(original.ReplyTo)}},"Type":"request","AppId":"switchboard"}""",
        HeadersJson = headersJson,
        Body = body,
        GramAccountUuid = original.GramAccountUuid,
        Email = original.Email,
        GoogleId = original.GoogleId,
        ReceivedAt = now,
        EnvelopeId = envelopeId,
        RerunOfEnvelopeId = envelopeId,
        RerunBy = actor,
    };
}
