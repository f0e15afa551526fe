namespace Switchboard.Domain.Provisioning;

/// <summary>
/// One failed request of the provisioning daemon (or one unreadable message), with its failure as it arrived, where it
/// stands, and who is looking at it. Captured by plain SQL in batches; people's actions go through the methods here.
/// </summary>
public sealed class ProvisioningEnvelope
{
    public const int NoteMaxLength = EnvelopeActivity.TextMaxLength;

    private ProvisioningEnvelope()
    {
    }

    public long Id { get; private set; }
    public EnvelopeKind Kind { get; private set; }
    public EnvelopeState State { get; private set; }
    public bool Archived { get; private set; }
    public long? GroupId { get; private set; }

    /// <summary>The original request's message id; unique among envelopes.</summary>
    public string? CorrelationId { get; private set; }

    /// <summary>The stored original request, when it was captured.</summary>
    public long? RequestId { get; private set; }
    public string RoutingKey { get; private set; } = "";
    public int? StatusCode { get; private set; }
    public string? ErrorType { get; private set; }
    public string? ErrorName { get; private set; }
    public string? ErrorMessage { get; private set; }
    public string? ErrorData { get; private set; }
    public string? Debug { get; private set; }
    public bool Scrubbed { get; private set; }
    public int SoftfailCount { get; private set; }
    public DateTime? NextTryAt { get; private set; }
    public DateTime FirstSeenAt { get; private set; }
    public DateTime LastSeenAt { get; private set; }
    public string? GramAccountUuid { get; private set; }
    public string? Email { get; private set; }
    public string? GoogleId { get; private set; }

    /// <summary>For unreadable messages: the raw body (scrubbed), the AMQP properties and headers, and why it could not be read.</summary>
    public string? RawBody { get; private set; }
    public string? RawProperties { get; private set; }
    public string? ParseError { get; private set; }
    public string? AssignedTo { get; private set; }
    public IReadOnlyList<string> Tags { get; private set; } = [];
    public int Reruns { get; private set; }
    public DateTime? ResolvedAt { get; private set; }
    public string? ResolvedBy { get; private set; }

    /// <summary>
    /// The states of an open envelope (one not archived that still waits for a retry or a person): the one definition the
    /// envelope list, the dashboard's counts and the open-envelope gauge query by.
    /// </summary>
    public static IReadOnlyList<EnvelopeState> OpenStates { get; } = [EnvelopeState.Retrying, EnvelopeState.Failed, EnvelopeState.Rerunning];

    public bool IsOpen => !Archived && OpenStates.Contains(State);

    public bool CanRerun => Kind == EnvelopeKind.Failure && RequestId is not null && State != EnvelopeState.Retrying;

    public EnvelopeActivity Resolve(string actor, string note, DateTime now)
    {
        State = EnvelopeState.Resolved;
        ResolvedAt = now;
        ResolvedBy = actor;
        return EnvelopeActivity.Of(Id, actor, EnvelopeActivityKind.Resolved, note, now);
    }

    public EnvelopeActivity Reopen(string actor, DateTime now)
    {
        State = EnvelopeState.Failed;
        ResolvedAt = null;
        ResolvedBy = null;
        return EnvelopeActivity.Of(Id, actor, EnvelopeActivityKind.Reopened, null, now);
    }

    public EnvelopeActivity Archive(string actor, string? note, DateTime now)
    {
        Archived = true;
        return EnvelopeActivity.Of(Id, actor, EnvelopeActivityKind.Archived, note, now);
    }

    public EnvelopeActivity Restore(string actor, DateTime now)
    {
        Archived = false;
        return EnvelopeActivity.Of(Id, actor, EnvelopeActivityKind.Restored, null, now);
    }

    public EnvelopeActivity Assign(string actor, string? assignee, DateTime now)
    {
        AssignedTo = string.IsNullOrWhiteSpace(assignee) ? null : assignee.Trim();
        return EnvelopeActivity.Of(Id, actor, EnvelopeActivityKind.Assigned, AssignedTo is null ? "unassigned" : $"under investigation by {AssignedTo}", now);
    }

    public EnvelopeActivity Tag(string actor, IEnumerable<string> tags, DateTime now)
    {
        Tags = tags.Select(t => t.Trim()).Where(t => t.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase).ToList();
        return EnvelopeActivity.Of(Id, actor, EnvelopeActivityKind.Tagged, Tags.Count == 0 ? "no tags" : string.Join(", ", Tags), now);
    }

    /// <summary>A rerun was published: the envelope waits for the daemon's reply.</summary>
    public EnvelopeActivity Rerun(string actor, bool edited, string messageId, DateTime now)
    {
        State = EnvelopeState.Rerunning;
        Reruns++;
        return EnvelopeActivity.Of(Id, actor, edited ? EnvelopeActivityKind.EditedRerun : EnvelopeActivityKind.Rerun, $"published as message {messageId}", now);
    }
}
