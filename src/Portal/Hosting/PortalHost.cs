namespace Switchboard.Portal.Hosting;

/// <summary>How the web host is created: where its content (wwwroot) is found.</summary>
public static class PortalHost
{
    /// <summary>
    /// The published output carries its <c>wwwroot</c> beside the binaries. Started from another folder (a systemd unit
    /// without <c>WorkingDirectory</c>, a shell in <c>/</c>) the content root would be that folder and every static asset an
    /// empty <c>200</c>, so the UI never became interactive. A content root given explicitly (<c>--contentRoot</c>,
    /// <c>ASPNETCORE_CONTENTROOT</c>) still wins; a build output without <c>wwwroot</c> (development, tests) is left alone.
    /// </summary>
    public static WebApplicationOptions Options(string[] args)
    {
        var given = args.Any(a => a.StartsWith("--contentRoot", StringComparison.OrdinalIgnoreCase))
            || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ASPNETCORE_CONTENTROOT"))
            || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOTNET_CONTENTROOT"));
        var published = Directory.Exists(Path.Combine(AppContext.BaseDirectory, "wwwroot"));
        return new WebApplicationOptions { Args = args, ContentRootPath = !given && published ? AppContext.BaseDirectory : null };
    }
}
