using System.Diagnostics;

namespace Switchboard.IntegrationTests.Startup;

/// <summary>Runs the real portal binary with bad configuration and reads what a person would see.</summary>
public sealed class StartupFailureTests
{
    [Fact]
    public async Task ProductionWithoutOidcAuthority_ExitsWithOneLineNamingTheSetting()
    {
        var dataFolder = Path.Combine(Path.GetTempPath(), $"switchboard-start-{Guid.NewGuid():N}");
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Switchboard.Portal.dll"), "--urls", "http://127.0.0.1:0"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Database__DataFolder"] = dataFolder;

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.Equal(1, process.ExitCode);
        var lines = (await stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var line = Assert.Single(lines);
        Assert.StartsWith("Switchboard cannot start: Authentication:Oidc:Authority is required", line, StringComparison.Ordinal);
        if (Directory.Exists(dataFolder))
        {
            Directory.Delete(dataFolder, recursive: true);
        }
    }
}
