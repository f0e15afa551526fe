namespace Switchboard.Domain.Provisioning;

/// <summary>
/// A message read and scrubbed, ready to store. <see cref="ParseError"/> is set when it could not be read: it is then
/// kept as an unreadable envelope with its (scrubbed) raw body.
/// </summary>
public sealed record CapturedMessage
{
    /// <summary>Unique per delivery content: the broker redelivering it, or it arriving twice, stores it once.</summary>
    public required string DedupeKey { get; init; }
    public string? MessageId { get; init; }

    /// <summary>The request's message id this one answers or logs.</summary>
    public string? CorrelationId { get; init; }
    public MessageKind Kind { get; init; }
    public MessageOutcome Outcome { get; init; }
    public required string RoutingKey { get; init; }

    /// <summary>The routing key of the request this message is about (a reply's key with <c>reply</c> → <c>request</c>).</summary>
    public string? RequestRoutingKey { get; init; }
    public string? ReplyTo { get; init; }
    public string? AppId { get; init; }
    public required string SoaVersion { get; init; }
    public required string PropertiesJson { get; init; }
    public required string HeadersJson { get; init; }

    /// <summary>The request data (bare data in 2.0, the envelope's <c>data</c> in 1.0) or the failure body, scrubbed.</summary>
    public string? Body { get; init; }
    public SoaFailure? Failure { get; init; }
    public int SoftfailCount { get; init; }
    public TimeSpan? NextTryIn { get; init; }
    public AccountKeys Account { get; init; } = AccountKeys.None;
    public bool Scrubbed { get; init; }
    public string? ParseError { get; init; }
    public DateTime ReceivedAt { get; init; }

    public bool Unreadable => ParseError is not null;
    public bool IsFailure => Outcome is MessageOutcome.Hardfail or MessageOutcome.Softfail;
}
