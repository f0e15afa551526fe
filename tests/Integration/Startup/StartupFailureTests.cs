using System.Diagnostics;

namespace Switchboard.IntegrationTests.Startup;

/// <summary>Runs the real portal binary with bad configuration and reads what a person would see.</summary>
public sealed class StartupFailureTests
{
    [Fact]
    public async Task ProductionWithoutOidcAuthority_ExitsWithOneLineNamingTheSetting()
    {
        var (exitCode, line) = await StartAsync(new() { ["ASPNETCORE_ENVIRONMENT"] = "Production" });

        Assert.Equal(1, exitCode);
        Assert.StartsWith("Switchboard cannot start: Authentication:Oidc:Authority is required", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadEventQueueAndScriptLimits_ExitWithOneLineNamingBoth_WithoutThePassword()
    {
        var (exitCode, line) = await StartAsync(new()
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Events__RabbitMq__Uri"] = "http://idm:Secret-Pa55@rabbit.example.test/",
            ["Notifications__Scripts__Timeout"] = "00:00:00",
        });

        Assert.Equal(1, exitCode);
        Assert.Contains("Events:RabbitMq:Uri is not an amqp:// or amqps:// URI", line, StringComparison.Ordinal);
        Assert.Contains("Notifications:Scripts:Timeout must be positive", line, StringComparison.Ordinal);
        Assert.DoesNotContain("Secret-Pa55", line, StringComparison.Ordinal);
    }

    /// <returns>The exit code and the one line the portal wrote to standard error (the test fails on more).</returns>
    private static async Task<(int ExitCode, string Line)> StartAsync(Dictionary<string, string> environment)
    {
        var dataFolder = Path.Combine(Path.GetTempPath(), $"switchboard-start-{Guid.NewGuid():N}");
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Switchboard.Portal.dll"), "--urls", "http://127.0.0.1:0"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment["Database__DataFolder"] = dataFolder;
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        try
        {
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
            var lines = (await stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            return (process.ExitCode, Assert.Single(lines));
        }
        finally
        {
            if (Directory.Exists(dataFolder))
            {
                Directory.Delete(dataFolder, recursive: true);
            }
        }
    }
}
