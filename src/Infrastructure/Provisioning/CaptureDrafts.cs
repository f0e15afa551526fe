using Switchboard.Domain.Provisioning;

namespace Switchboard.Infrastructure.Provisioning;

// The rows a batch writes, as the in-memory walk of CapturePlan leaves them. Each holds its final values; ids that the
// database gives (new envelopes, new groups, new messages) are resolved when the batch is written.

/// <summary>A message new to the database, stored with the account and envelope its walk found.</summary>
internal sealed class MessageDraft(CapturedMessage message, AccountKeys account)
{
    public CapturedMessage Message { get; } = message;
    public AccountKeys Account { get; } = account;

    /// <summary>Set once, like the column (<c>SET "EnvelopeId" … WHERE "EnvelopeId" IS NULL</c>).</summary>
    public EnvelopeDraft? Envelope { get; set; }
}

/// <summary>A request message, stored before or new in this batch (<see cref="Draft"/>), as a later reply finds it.</summary>
internal sealed class RequestRef
{
    private EnvelopeDraft? _envelope;

    public long? Id { get; init; }
    public MessageDraft? Draft { get; init; }
    public required string RoutingKey { get; init; }
    public long? RerunOf { get; init; }
    public required AccountKeys Account { get; init; }

    /// <summary>The envelope the request belongs to (its <c>EnvelopeId</c>): stored, or linked during the batch.</summary>
    public EnvelopeDraft? Envelope => Draft is null ? _envelope : Draft.Envelope;

    /// <summary>True when the batch linked a stored request to an envelope (an update of the stored row).</summary>
    public bool Linked { get; private set; }

    public static RequestRef Stored(long id, string routingKey, EnvelopeDraft? envelope, long? rerunOf, AccountKeys account) =>
        new() { Id = id, RoutingKey = routingKey, RerunOf = rerunOf, Account = account, _envelope = envelope };

    /// <summary>Like <c>SET "EnvelopeId" = … WHERE "EnvelopeId" IS NULL</c>: the first envelope stays.</summary>
    public void Link(EnvelopeDraft envelope)
    {
        if (Draft is { } draft)
        {
            draft.Envelope ??= envelope;
        }
        else if (_envelope is null)
        {
            _envelope = envelope;
            Linked = true;
        }
    }
}

/// <summary>A failure group's upsert: its failures counted in this batch and the latest time it was seen.</summary>
internal sealed class GroupDraft(string key, string title, string routingKey, DateTime firstSeenAt)
{
    public string Key { get; } = key;
    public string Title { get; } = title;
    public string RoutingKey { get; } = routingKey;
    public DateTime FirstSeenAt { get; } = firstSeenAt;
    public DateTime LastSeenAt { get; set; } = firstSeenAt;
    public int Count { get; set; }
    public long Id { get; set; }
}

/// <summary>
/// An envelope as the batch leaves it: loaded (<see cref="Id"/> set), new (inserted with every value), or only named by
/// a stored id that no longer has a row (<see cref="Missing"/>: nothing is written, as the former UPDATE changed nothing).
/// </summary>
internal sealed class EnvelopeDraft
{
    public long? Id { get; set; }
    public bool IsNew { get; init; }
    public bool Missing { get; init; }
    public bool Changed { get; set; }
    public string Kind { get; init; } = "Failure";
    public string? CorrelationId { get; init; }
    public string State { get; set; } = nameof(EnvelopeState.Failed);
    public long? GroupId { get; set; }
    public GroupDraft? Group { get; set; }
    public long? RequestId { get; set; }
    public MessageDraft? Request { get; set; }
    public string? RoutingKey { get; set; }
    public SoaFailure Failure { get; set; } = new(null, null, null, null, null, null);
    public bool Scrubbed { get; set; }
    public int SoftfailCount { get; set; }
    public DateTime? NextTryAt { get; set; }
    public DateTime FirstSeenAt { get; init; }
    public DateTime LastSeenAt { get; set; }
    public AccountKeys Account { get; set; } = AccountKeys.None;
    public string? RawBody { get; init; }
    public string? RawProperties { get; init; }
    public string? ParseError { get; init; }

    public bool HasRequest => RequestId is not null || Request is not null;

    public void SetGroup(GroupDraft group)
    {
        Group = group;
        GroupId = null;
    }
}
