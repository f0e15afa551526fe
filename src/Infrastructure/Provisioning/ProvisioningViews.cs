using Switchboard.Domain.Provisioning;
using Switchboard.Infrastructure.Messaging;
using Switchboard.Infrastructure.Provisioning;

namespace Switchboard.Infrastructure.Provisioning;

/// <summary>The envelope list's filters. <see cref="State"/> is a word, not an enum, so it can come from the address.</summary>
public sealed record EnvelopeFilter(
    long? GroupId = null,
    int? StatusCode = null,
    string? ErrorType = null,
    string? RoutingKey = null,
    string State = EnvelopeFilter.Open,
    DateTime? From = null,
    DateTime? To = null,
    string? Search = null)
{
    public const string Open = "Open";
    public const string Archived = "Archived";
    public const string All = "All";

    /// <summary>Open (retrying, failed, rerunning), each state, Archived, or All.</summary>
    public static readonly IReadOnlyList<string> States =
        [Open, nameof(EnvelopeState.Retrying), nameof(EnvelopeState.Failed), nameof(EnvelopeState.Rerunning), nameof(EnvelopeState.SucceededLater), nameof(EnvelopeState.Resolved), Archived, All];
}

public sealed record EnvelopeRow(
    long Id, EnvelopeKind Kind, EnvelopeState State, bool Archived, string RoutingKey, int? StatusCode, string? ErrorType, string? ErrorName,
    string? ErrorMessage, long? GroupId, string? GramAccountUuid, string? Email, int SoftfailCount, DateTime? NextTryAt, DateTime LastSeenAt, string? AssignedTo, int Reruns);

/// <summary>A failure group: what its envelopes failed with, how many there were, and how many are still open.</summary>
public sealed record FailureGroupRow(long Id, string Title, string RoutingKey, long Failures, int Open, DateTime FirstSeenAt, DateTime LastSeenAt);

/// <param name="RerunsUnavailableBecause">Why no rerun can be published at all (no broker), or null.</param>
public sealed record CaptureView(
    ConnectionState State, DateTime Since, string? LastError, DateTime? LastMessageAt, long Stored, long Duplicates, long Ignored, bool BrokerConfigured,
    string? RerunsUnavailableBecause);

/// <summary>One line of an envelope's timeline: a captured message or something a person did.</summary>
public sealed record TimelineEntry(DateTime At, string What, string? Detail, string? By, TimelineTone Tone, long? MessageId);

public enum TimelineTone
{
    Neutral,
    Success,
    Warning,
    Failure,
}

/// <param name="RerunBlockedBecause">Why this envelope cannot be rerun (no broker, or this envelope's state), or null.</param>
public sealed record EnvelopeDetail(
    ProvisioningEnvelope Envelope,
    string? GroupTitle,
    ProvisioningMessage? Request,
    IReadOnlyList<TimelineEntry> Timeline,
    Guidance? Guidance,
    IReadOnlyList<SchemaError> SchemaErrors,
    bool SchemaKnown,
    DateTime? LaterSuccessAt,
    string? RerunBlockedBecause,
    bool BrokerConfigured);

/// <summary>For the dashboard: open envelopes, the last day's new ones, the groups with most open envelopes, and how many groups and envelopes the rest hold.</summary>
public sealed record ProvisioningSummary(int Open, int NewLastDay, IReadOnlyList<FailureGroupRow> TopGroups, int OtherGroups, int OtherOpen);
