namespace Switchboard.Portal.Hosting;

/// <summary>
/// The TLS-terminating proxies in front of the portal. Their <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are
/// believed, so that redirect URIs, <c>Secure</c> cookies and links use https and logs show the caller's address.
/// Loopback is always trusted (a proxy on the same host); anything else must be listed.
/// </summary>
public sealed class ReverseProxyOptions
{
    public const string SectionName = "ReverseProxy";

    /// <summary>Addresses of the proxies, e.g. <c>10.0.0.5</c>.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks the proxies live in, in CIDR notation, e.g. <c>10.0.0.0/24</c>.</summary>
    public List<string> KnownNetworks { get; set; } = [];
}
