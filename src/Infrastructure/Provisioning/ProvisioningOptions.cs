using Switchboard.Domain.Provisioning;

namespace Switchboard.Infrastructure.Provisioning;

/// <summary>The <c>Provisioning</c> section: where messages of the provisioning daemon are captured from, and how long they are kept.</summary>
public sealed class ProvisioningOptions
{
    public const string SectionName = "Provisioning";

    public ProvisioningQueueOptions RabbitMq { get; set; } = new();

    /// <summary>How long captured requests and replies not tied to an envelope are kept (for reruns and the timeline).</summary>
    public TimeSpan RequestRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// Patterns of secret key names: a value whose key (in a body at any depth, or a header) contains one of them, in any
    /// case and with any separator, is replaced by <c>***</c> before anything is stored. Empty: <see cref="SecretScrubber.DefaultPatterns"/>.
    /// </summary>
    public string[]? ScrubKeys { get; set; }

    /// <summary>At most this many reruns are published per second (a group rerun of thousands must not flood the daemon).</summary>
    public double RerunsPerSecond { get; set; } = 10;

    public IReadOnlyList<string> EffectiveScrubKeys => ScrubKeys is { Length: > 0 } keys ? keys : SecretScrubber.DefaultPatterns;
}

/// <summary>The broker side (<c>Provisioning:RabbitMq</c>); off while <see cref="Uri"/> is empty. The URI holds a password: never logged or shown.</summary>
public sealed class ProvisioningQueueOptions
{
    public string? Uri { get; set; }

    /// <summary>Switchboard's own durable queue.</summary>
    public string Queue { get; set; } = "switchboard.provisioning";

    /// <summary>What the queue is bound to: <c>exchange</c> (everything, e.g. the <c>log</c> fanout) or <c>exchange:routing.key</c>. Empty: <c>log</c>.</summary>
    public string[]? Bindings { get; set; }

    /// <summary>The exchange reruns are published to (the daemon's event exchange).</summary>
    public string RequestExchange { get; set; } = "exchange";

    public ushort PrefetchCount { get; set; } = 5000;

    /// <summary>At most this many messages are stored in one transaction and acknowledged together.</summary>
    public int BatchSize { get; set; } = 2000;

    public bool Enabled => !string.IsNullOrWhiteSpace(Uri);

    public IReadOnlyList<(string Exchange, string RoutingKey)> EffectiveBindings =>
        (Bindings is { Length: > 0 } bindings ? bindings : ["log"])
            .Select(b => b.Split(':', 2))
            .Select(parts => (parts[0].Trim(), parts.Length == 2 ? parts[1].Trim() : "#"))
            .ToList();
}
