namespace Switchboard.Infrastructure.Provisioning;

/// <summary>What a rerun did: published (with the new message id), or refused with the reason and, for an edited body, its schema errors.</summary>
public sealed record RerunResult(bool Published, string? MessageId, string? Problem, IReadOnlyList<SchemaError> SchemaErrors)
{
    public static RerunResult Sent(string messageId) => new(true, messageId, null, []);

    public static RerunResult Refused(string problem, IReadOnlyList<SchemaError>? errors = null) => new(false, null, problem, errors ?? []);
}
