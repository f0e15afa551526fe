using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace Switchboard.Portal;

public static class SwitchboardConfiguration
{
    /// <summary>
    /// Reads the repository's root <c>appsettings.json</c> (copied beside the binaries) as the first source, so that
    /// <c>appsettings.{Environment}.json</c>, environment variables and the command line still override it.
    /// </summary>
    public static WebApplicationBuilder AddSwitchboardConfiguration(this WebApplicationBuilder builder)
    {
        builder.Configuration.Sources.Insert(0, new JsonConfigurationSource
        {
            FileProvider = new PhysicalFileProvider(AppContext.BaseDirectory),
            Path = "appsettings.json",
            Optional = false,
            ReloadOnChange = false,
        });
        return builder;
    }
}
