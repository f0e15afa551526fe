namespace Switchboard.Portal.Hosting;

/// <summary>Section <c>Metrics</c>: the Prometheus scrape endpoint. OTLP export is set by the standard <c>OTEL_*</c> variables.</summary>
public sealed class MetricsOptions
{
    public const string SectionName = "Metrics";

    public bool PrometheusEnabled { get; set; }

    public string PrometheusPath { get; set; } = "/metrics";

    /// <summary>When set, a scrape must send <c>Authorization: Bearer &lt;token&gt;</c>; empty leaves the endpoint open (keep it off the proxy).</summary>
    public string BearerToken { get; set; } = "";

    public const int BearerTokenMinLength = 16;
}
