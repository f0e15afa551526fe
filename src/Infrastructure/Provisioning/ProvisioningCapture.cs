using Microsoft.Extensions.Options;
using Switchboard.Domain.Provisioning;

namespace Switchboard.Infrastructure.Provisioning;

/// <summary>The one way in for provisioning messages, from the broker or the API: read, scrub, store.</summary>
public sealed class ProvisioningCapture(IOptions<ProvisioningOptions> options, CaptureWriter writer)
{
    private readonly SoaMessageReader _reader = new(new SecretScrubber(options.Value.EffectiveScrubKeys));

    public CapturedMessage Read(IncomingSoaMessage message) => _reader.Read(message);

    public Task<CaptureSummary> StoreAsync(IReadOnlyList<IncomingSoaMessage> messages, CancellationToken cancellationToken) =>
        writer.StoreAsync(messages.Select(_reader.Read).ToList(), cancellationToken);

    /// <summary>Stores messages already read (the broker consumer reads each as it arrives, while the previous batch is being written).</summary>
    public Task<CaptureSummary> StoreAsync(IReadOnlyList<CapturedMessage> messages, CancellationToken cancellationToken) => writer.StoreAsync(messages, cancellationToken);
}
