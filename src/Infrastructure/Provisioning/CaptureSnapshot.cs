using Switchboard.Domain.Provisioning;

namespace Switchboard.Infrastructure.Provisioning;

/// <summary>
/// What the batch's messages can touch, read in three statements when the batch begins (inside its transaction, under
/// the capture's lock): which dedupe keys are stored, the first stored request for each message id the batch names, and
/// the envelopes of those requests and correlation ids. <see cref="CapturePlan"/> adds what the batch creates.
/// </summary>
internal sealed class CaptureSnapshot
{
    private readonly Dictionary<string, RequestRef> _requests = [];
    private readonly Dictionary<long, EnvelopeDraft> _byId = [];
    private readonly Dictionary<string, EnvelopeDraft> _byCorrelation = [];

    public HashSet<string> DedupeKeys { get; } = [];

    public IEnumerable<EnvelopeDraft> Loaded => _byId.Values.Where(e => !e.IsNew && !e.Missing);

    public IEnumerable<RequestRef> Requests => _requests.Values;

    /// <summary>The first request with this message id (by row id: a stored one before one of this batch).</summary>
    public RequestRef? Request(string messageId) => _requests.GetValueOrDefault(messageId);

    public void AddRequest(string messageId, RequestRef request) => _requests.TryAdd(messageId, request);

    /// <summary>The envelope of a request, by its message id.</summary>
    public EnvelopeDraft? EnvelopeOf(string? correlationId) => correlationId is null ? null : _byCorrelation.GetValueOrDefault(correlationId);

    /// <summary>The envelope with this id; one without a row any more (removed since) is kept as a name only.</summary>
    public EnvelopeDraft Envelope(long id)
    {
        if (!_byId.TryGetValue(id, out var envelope))
        {
            _byId[id] = envelope = new EnvelopeDraft { Id = id, Missing = true };
        }

        return envelope;
    }

    public void Add(EnvelopeDraft envelope)
    {
        if (envelope.Id is { } id)
        {
            _byId[id] = envelope;
        }

        if (envelope.CorrelationId is { } correlation)
        {
            _byCorrelation[correlation] = envelope;
        }
    }

    /// <summary>The message ids the batch may look up: requests' own (a late request joins its envelope) and the others' correlation ids.</summary>
    public static IReadOnlyCollection<string> MessageIdsOf(IEnumerable<CapturedMessage> messages) =>
        messages.Where(m => !m.Unreadable).Select(m => m.Kind == MessageKind.Request ? m.MessageId : m.CorrelationId).OfType<string>().ToHashSet();
}
