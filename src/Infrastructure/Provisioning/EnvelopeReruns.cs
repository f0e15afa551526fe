using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Switchboard.Domain.Provisioning;
using Switchboard.Infrastructure.Persistence;

namespace Switchboard.Infrastructure.Provisioning;

/// <summary>
/// Reruns an envelope: republishes its stored request (or an edited copy, checked against the schema first) with the
/// same routing key and <c>reply_to</c>, a new message id and SOA 2.0 headers naming the envelope. The rerun request is
/// stored before it is published, so its reply finds the envelope. At most <c>Provisioning:RerunsPerSecond</c>.
/// </summary>
public sealed class EnvelopeReruns(
    IDbContextFactory<SwitchboardDbContext> contextFactory, RequestPublisher publisher, RequestSchemas schemas, IOptions<ProvisioningOptions> options, TimeProvider clock)
    : IDisposable
{
    private readonly TokenBucketRateLimiter _pace = new(new TokenBucketRateLimiterOptions
    {
        TokenLimit = 1,
        TokensPerPeriod = 1,
        ReplenishmentPeriod = TimeSpan.FromSeconds(1 / options.Value.RerunsPerSecond),
        QueueLimit = int.MaxValue,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        AutoReplenishment = true,
    });

    /// <summary>Why nothing can be rerun, whatever the envelope: no broker is configured.</summary>
    public const string NoBroker = $"No broker is configured ({ProvisioningOptions.SectionName}:RabbitMq:Uri), so nothing can be rerun from here.";

    public bool BrokerConfigured => publisher.Configured;

    /// <summary>
    /// Why no rerun can be published at all, or null. The one rule every rerun (the envelope page, the list's bulk and
    /// group reruns, the API) follows, so each refuses with the same words, before asking anyone to confirm.
    /// </summary>
    public string? Unavailable => publisher.Configured ? null : NoBroker;

    /// <summary>Why this envelope cannot be rerun (nothing can be, or not this one), or null.</summary>
    public string? WhyNot(ProvisioningEnvelope envelope, ProvisioningMessage? request) => Unavailable ?? Unrunnable(envelope, request);

    public async Task<RerunResult> RerunAsync(long envelopeId, string actor, string? editedBody, CancellationToken cancellationToken)
    {
        if (Unavailable is { } off)
        {
            return RerunResult.Refused(off + " The envelope is unchanged.");
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var envelope = await db.ProvisioningEnvelopes.SingleOrDefaultAsync(e => e.Id == envelopeId, cancellationToken);
        if (envelope is null)
        {
            return RerunResult.Refused($"There is no envelope {envelopeId}.");
        }

        var request = envelope.RequestId is { } requestId ? await db.ProvisioningMessages.AsNoTracking().SingleOrDefaultAsync(m => m.Id == requestId, cancellationToken) : null;
        if (Unrunnable(envelope, request) is { } why)
        {
            return RerunResult.Refused(why);
        }

        var body = editedBody ?? request!.Body ?? "{}";
        if (editedBody is not null)
        {
            var errors = schemas.Check(request!.RoutingKey, editedBody);
            if (errors.Count > 0)
            {
                return RerunResult.Refused("The edited body does not match the request's schema; nothing was sent.", errors);
            }

            body = JsonNode.Parse(editedBody)!.ToJsonString();
        }

        using var lease = await _pace.AcquireAsync(1, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var messageId = Guid.NewGuid().ToString();
        var headers = JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["soa-version"] = "2.0",
            ["softfail-count"] = "0",
            [RequestPublisher.RerunOfHeader] = envelopeId.ToString(CultureInfo.InvariantCulture),
        });
        db.ProvisioningMessages.Add(ProvisioningMessage.Rerun(request!, envelopeId, messageId, body, headers, actor, now));
        db.EnvelopeActivities.Add(envelope.Rerun(actor, editedBody is not null, messageId, now));
        await db.SaveChangesAsync(cancellationToken);

        try
        {
            await publisher.PublishAsync(new OutgoingRequest(messageId, request!.RoutingKey, request.ReplyTo, body, envelopeId), cancellationToken);
            return RerunResult.Sent(messageId);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var problem = $"The broker did not take the rerun: {ex.Message}";
            await db.ProvisioningEnvelopes.Where(e => e.Id == envelopeId && e.State == EnvelopeState.Rerunning)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.State, EnvelopeState.Failed), cancellationToken);
            db.EnvelopeActivities.Add(EnvelopeActivity.Of(envelopeId, actor, EnvelopeActivityKind.RerunNotSent, problem, clock.GetUtcNow().UtcDateTime));
            await db.SaveChangesAsync(cancellationToken);
            return RerunResult.Refused(problem);
        }
    }

    /// <summary>Why this envelope cannot be rerun, or null.</summary>
    public static string? Unrunnable(ProvisioningEnvelope envelope, ProvisioningMessage? request) =>
        envelope.Kind == EnvelopeKind.Unreadable ? "An unreadable message cannot be rerun: there is no request to send."
        : envelope.State == EnvelopeState.Retrying ? "The daemon is still retrying this request; wait until it succeeds or gives up."
        : request is null ? "The original request was not captured (or is older than the retention period), so it cannot be rerun."
        : null;

    public void Dispose() => _pace.Dispose();
}
