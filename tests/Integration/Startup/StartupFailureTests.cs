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

    [Fact]
    public async Task MattermostDirectMessagesWithoutBotTokenOrServer_ExitWithOneLineNamingBothKeys()
    {
        var (exitCode, line) = await StartAsync(new()
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Notifications__Mattermost__Enabled"] = "true",
        });

        Assert.Equal(1, exitCode);
        Assert.Contains("Notifications:Mattermost:BotToken is required when Notifications:Mattermost:Enabled is true", line, StringComparison.Ordinal);
        Assert.Contains("Mattermost:Url must be the server's http(s) address when Notifications:Mattermost:Enabled is true", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DigestTimeZoneThisMachineDoesNotKnow_ExitsWithOneLineNamingTheSetting()
    {
        var (exitCode, line) = await StartAsync(new()
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Notifications__Digest__TimeZone"] = "Europe/Atlantis",
        });

        Assert.Equal(1, exitCode);
        Assert.Contains("Notifications:Digest:TimeZone 'Europe/Atlantis' is not a time zone this machine knows", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DateWatchIntervalUnderAMinute_ExitsWithOneLineNamingTheSetting()
    {
        var (exitCode, line) = await StartAsync(new()
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Notifications__DateWatch__Interval"] = "00:00:30",
        });

        Assert.Equal(1, exitCode);
        Assert.Contains("Notifications:DateWatch:Interval must be between 00:01:00 and 1.00:00:00", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HttpAuthority_WhileHttpsMetadataIsRequired_ExitsWithOneLineNamingTheSetting()
    {
        var (exitCode, line) = await StartAsync(new()
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Authentication__Oidc__Authority"] = "http://login.example.test/realms/acme",
            ["Authentication__Oidc__ClientId"] = "switchboard",
        });

        Assert.Equal(1, exitCode);
        Assert.Equal(
            "Switchboard cannot start: Authentication:Oidc:Authority must be an https:// URL while Authentication:Oidc:RequireHttpsMetadata is true (false only for a test provider on this machine).",
            line);
    }

    [Fact]
    public async Task ReadOnlyDataFolder_ExitsWithOneLineNamingTheFolder()
    {
        // The tests run as root, which ignores file permissions; sysfs takes no new files from anyone.
        var readOnly = "/sys/kernel";
        Assert.SkipUnless(Directory.Exists(readOnly), "needs Linux sysfs as a folder that refuses writes");

        var (exitCode, line) = await StartAsync(new() { ["ASPNETCORE_ENVIRONMENT"] = "Development", ["Database__DataFolder"] = readOnly });

        Assert.Equal(1, exitCode);
        Assert.StartsWith($"Switchboard cannot start: Database:DataFolder '{readOnly}' does not accept writes: ", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DataFolderThatIsAFile_ExitsWithOneLineNamingTheFolder()
    {
        var file = Path.GetTempFileName();
        try
        {
            var (exitCode, line) = await StartAsync(new() { ["ASPNETCORE_ENVIRONMENT"] = "Development", ["Database__DataFolder"] = file });

            Assert.Equal(1, exitCode);
            Assert.StartsWith($"Switchboard cannot start: Database:DataFolder '{file}' does not accept writes: ", line, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task DatabaseThatCannotBeOpened_ExitsWithOneLine()
    {
        var dataFolder = Path.Combine(Path.GetTempPath(), $"switchboard-start-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path.Combine(dataFolder, "switchboard.db"));
        try
        {
            var (exitCode, line) = await StartAsync(new() { ["ASPNETCORE_ENVIRONMENT"] = "Development", ["Database__DataFolder"] = dataFolder });

            Assert.Equal(1, exitCode);
            Assert.StartsWith("Switchboard cannot start: The database could not be opened and brought up to date: SQLite Error", line, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dataFolder, recursive: true);
        }
    }

    [Fact]
    public async Task UnknownDatabaseProvider_ExitsWithOneLineNamingTheSetting()
    {
        var (exitCode, line) = await StartAsync(new() { ["ASPNETCORE_ENVIRONMENT"] = "Development", ["Database__Provider"] = "Oracle" });

        Assert.Equal(1, exitCode);
        Assert.Equal("Switchboard cannot start: Database:Provider 'Oracle' is not supported; use 'Sqlite' or 'Postgres'.", line);
    }

    [Fact]
    public async Task PostgresWithoutConnectionString_ExitsWithOneLineNamingTheSetting()
    {
        var (exitCode, line) = await StartAsync(new() { ["ASPNETCORE_ENVIRONMENT"] = "Development", ["Database__Provider"] = "Postgres" });

        Assert.Equal(1, exitCode);
        Assert.StartsWith("Switchboard cannot start: Database:ConnectionString is required when Database:Provider is 'Postgres'", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostgresThatCannotBeReached_ExitsWithOneLine_WithoutThePassword()
    {
        var (exitCode, line) = await StartAsync(new()
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Database__Provider"] = "Postgres",
            ["Database__ConnectionString"] = $"Host=127.0.0.1;Port={LoopbackPort.Free()};Database=switchboard;Username=switchboard;Password=Secret-Pa55;Timeout=3",
        });

        Assert.Equal(1, exitCode);
        Assert.StartsWith("Switchboard cannot start: The database could not be opened and brought up to date: ", line, StringComparison.Ordinal);
        Assert.DoesNotContain("Secret-Pa55", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeyRingCertificateThatDoesNotOpen_ExitsWithOneLineNamingTheSetting_WithoutThePassword()
    {
        var notAPfx = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(notAPfx, "not a certificate", TestContext.Current.CancellationToken);
            var (exitCode, line) = await StartAsync(new()
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Development",
                ["DataProtection__CertificatePath"] = notAPfx,
                ["DataProtection__CertificatePassword"] = "Secret-Pa55",
            });

            Assert.Equal(1, exitCode);
            Assert.StartsWith($"Switchboard cannot start: DataProtection:CertificatePath '{notAPfx}' could not be opened", line, StringComparison.Ordinal);
            Assert.DoesNotContain("Secret-Pa55", line, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(notAPfx);
        }
    }

    [Fact]
    public async Task ProxyAddressThatIsNotOne_ExitsWithOneLineNamingTheSetting()
    {
        var (exitCode, line) = await StartAsync(new()
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["ReverseProxy__KnownNetworks__0"] = "10.0.0.0/99",
        });

        Assert.Equal(1, exitCode);
        Assert.Equal("Switchboard cannot start: ReverseProxy:KnownNetworks:0 '10.0.0.0/99' is not a network in CIDR notation (e.g. 10.0.0.0/24).", line);
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
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            deadline.CancelAfter(TimeSpan.FromMinutes(2));
            var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            try
            {
                await process.StandardOutput.ReadToEndAsync(deadline.Token);
                await process.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail("The portal was still running after 2 minutes instead of refusing to start.");
            }

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
