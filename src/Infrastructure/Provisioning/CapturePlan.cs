using Switchboard.Domain.Provisioning;

namespace Switchboard.Infrastructure.Provisioning;

/// <summary>
/// Walks a batch in arrival order against what the database held when the batch began (<see cref="CaptureSnapshot"/>),
/// applying each message's rules to rows in memory: the same rules, in the same order, that one statement per message
/// applied before. Later messages see what earlier ones of the batch did (a reply finds a request of the same batch,
/// a failure log the envelope its reply made). What is left is written with one statement per table.
/// </summary>
internal sealed class CapturePlan
{
    private const string Closed = nameof(EnvelopeState.SucceededLater);
    private readonly CaptureSnapshot _stored;
    private readonly HashSet<string> _seen = [];

    public CapturePlan(CaptureSnapshot stored) => _stored = stored;

    public List<MessageDraft> Messages { get; } = [];
    public Dictionary<string, GroupDraft> Groups { get; } = [];
    public List<EnvelopeDraft> NewEnvelopes { get; } = [];

    /// <summary>Per message stored: the envelope it created or changed (null: none).</summary>
    public List<EnvelopeDraft?> Touched { get; } = [];
    public int Duplicates { get; private set; }
    public int Ignored { get; private set; }

    public static bool IsIgnored(CapturedMessage message) =>
        !message.Unreadable && (message.Kind == MessageKind.Event || (message.Kind == MessageKind.Log && message.Outcome == MessageOutcome.None));

    public void Add(CapturedMessage message)
    {
        if (IsIgnored(message))
        {
            Ignored++;
            return;
        }

        if (_stored.DedupeKeys.Contains(message.DedupeKey) || !_seen.Add(message.DedupeKey))
        {
            Duplicates++;
            return;
        }

        Touched.Add(Store(message));
    }

    private EnvelopeDraft? Store(CapturedMessage message)
    {
        if (message.Unreadable)
        {
            var unreadable = Insert(message, AccountKeys.None);
            var envelope = new EnvelopeDraft
            {
                IsNew = true,
                Kind = "Unreadable",
                State = nameof(EnvelopeState.Failed),
                RoutingKey = message.RoutingKey,
                Scrubbed = message.Scrubbed,
                FirstSeenAt = message.ReceivedAt,
                LastSeenAt = message.ReceivedAt,
                RawBody = message.Body,
                ParseError = message.ParseError,
                RawProperties = $$"""{"properties":{{message.PropertiesJson}},"headers":{{message.HeadersJson}}}""",
            };
            envelope.SetGroup(Group(message.RoutingKey, "Unreadable message", countsAsFailure: true, message.ReceivedAt));
            NewEnvelopes.Add(envelope);
            unreadable.Envelope ??= envelope;
            return envelope;
        }

        var request = message.CorrelationId is { } correlation && message.Kind != MessageKind.Request ? _stored.Request(correlation) : null;
        switch (message.Kind, message.Outcome)
        {
            case (MessageKind.Request, _):
                return AttachLateRequest(Insert(message, message.Account));

            case (_, MessageOutcome.Success):
                // A stored request knows its envelope; only a reply whose request was not captured needs the look-up.
                var closes = request is null ? _stored.EnvelopeOf(message.CorrelationId) : request.RerunOf is { } rerunOf ? _stored.Envelope(rerunOf) : request.Envelope;
                Insert(message, (request?.Account ?? AccountKeys.None).Or(message.Account)).Envelope = closes;
                if (closes is { Missing: false, State: nameof(EnvelopeState.Retrying) or nameof(EnvelopeState.Failed) or nameof(EnvelopeState.Rerunning) })
                {
                    closes.State = Closed;
                    closes.NextTryAt = null;
                    closes.Changed = true;
                }

                return closes;

            default:
                return Fail(message, request);
        }
    }

    private EnvelopeDraft Fail(CapturedMessage message, RequestRef? request)
    {
        var account = (request?.Account ?? AccountKeys.None).Or(message.Account);
        var draft = Insert(message, account);
        var routingKey = request?.RoutingKey ?? message.RequestRoutingKey ?? message.RoutingKey;

        // A group counts an envelope's failure once, however many messages tell it (a reply and its log).
        var existing = request is { Envelope: null, RerunOf: null } ? null
            : request?.RerunOf is { } rerunOf ? _stored.Envelope(rerunOf) : _stored.EnvelopeOf(message.CorrelationId);
        existing = existing is { Missing: true } ? null : existing;

        // The daemon's log after a reply tells the same failure without its details: those stored stay, and so does its group.
        var failure = message.Failure!.Or(existing?.Failure);
        var entersFailure = message.Outcome == MessageOutcome.Hardfail && existing?.State != nameof(EnvelopeState.Failed);
        var group = Group(routingKey, failure.GroupTitle, entersFailure, message.ReceivedAt);
        var softfail = message.Outcome == MessageOutcome.Softfail;
        var state = (softfail ? EnvelopeState.Retrying : EnvelopeState.Failed).ToString();
        var nextTryAt = softfail && message.NextTryIn is { } wait ? message.ReceivedAt + wait : (DateTime?)null;

        EnvelopeDraft envelope;
        if (request?.RerunOf is { } rerun)
        {
            envelope = _stored.Envelope(rerun);
            if (!envelope.Missing)
            {
                envelope.State = envelope.State == Closed ? envelope.State : state;
                Merge(envelope, group, failure, message, softfail ? 1 : 0, nextTryAt);
            }
        }
        else if (message.CorrelationId is { } correlation && _stored.EnvelopeOf(correlation) is { } stored)
        {
            envelope = stored;
            envelope.State = envelope.State is Closed or nameof(EnvelopeState.Resolved) ? envelope.State : state;
            Merge(envelope, group, failure, message, softfail ? 1 : 0, nextTryAt);
            if (!envelope.HasRequest && request is not null)
            {
                (envelope.RequestId, envelope.Request) = (request.Id, request.Draft);
            }
        }
        else
        {
            envelope = new EnvelopeDraft
            {
                IsNew = true,
                CorrelationId = message.CorrelationId,
                State = state,
                RequestId = request?.Id,
                Request = request?.Draft,
                RoutingKey = routingKey,
                Failure = failure,
                Scrubbed = message.Scrubbed,
                SoftfailCount = softfail ? Math.Max(1, message.SoftfailCount) : message.SoftfailCount,
                NextTryAt = nextTryAt,
                FirstSeenAt = message.ReceivedAt,
                LastSeenAt = message.ReceivedAt,
                Account = account,
            };
            envelope.SetGroup(group);
            NewEnvelopes.Add(envelope);
            _stored.Add(envelope);
        }

        draft.Envelope ??= envelope;
        request?.Link(envelope);
        return envelope;
    }

    /// <summary>A failure told again: each detail is replaced only by a value, never by none.</summary>
    private static void Merge(EnvelopeDraft envelope, GroupDraft group, SoaFailure failure, CapturedMessage message, int softfailStep, DateTime? nextTryAt)
    {
        envelope.SetGroup(group);
        envelope.Failure = failure.Or(envelope.Failure);
        envelope.Scrubbed |= message.Scrubbed;
        envelope.SoftfailCount += softfailStep;
        envelope.NextTryAt = nextTryAt;
        envelope.LastSeenAt = message.ReceivedAt;
        envelope.Changed = true;
    }

    // A request that arrives after its failure (or a retried request carrying its try count) joins the envelope.
    private EnvelopeDraft? AttachLateRequest(MessageDraft request)
    {
        var message = request.Message;
        if (message.MessageId is not { } id || _stored.EnvelopeOf(id) is not { } envelope || (envelope.HasRequest && message.SoftfailCount <= 0))
        {
            return null;
        }

        if (!envelope.HasRequest)
        {
            envelope.Request = request;
            envelope.RoutingKey = message.RoutingKey;
        }

        envelope.Account = envelope.Account.Or(message.Account);
        envelope.SoftfailCount = Math.Max(envelope.SoftfailCount, message.SoftfailCount);
        envelope.Changed = true;
        request.Envelope ??= envelope;
        return envelope;
    }

    private MessageDraft Insert(CapturedMessage message, AccountKeys account)
    {
        var draft = new MessageDraft(message, account);
        Messages.Add(draft);
        if (message.Kind == MessageKind.Request && message.MessageId is { } id)
        {
            _stored.AddRequest(id, new RequestRef { Draft = draft, RoutingKey = message.RoutingKey, Account = account });
        }

        return draft;
    }

    private GroupDraft Group(string routingKey, string title, bool countsAsFailure, DateTime at)
    {
        var key = FailureGroup.KeyOf(routingKey, title);
        if (!Groups.TryGetValue(key, out var group))
        {
            Groups[key] = group = new GroupDraft(key, title, routingKey, at);
        }

        group.Count += countsAsFailure ? 1 : 0;
        group.LastSeenAt = group.LastSeenAt < at ? at : group.LastSeenAt;
        return group;
    }
}
