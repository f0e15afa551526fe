using System.Diagnostics;

namespace Switchboard.Testing;

/// <summary>Runs a program the tests need once (initdb, openssl, dotnet publish) and fails with its output when it fails.</summary>
public static class ExternalCommand
{
    public static async Task RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} ended with {process.ExitCode}: {await errors}{await output}");
        }
    }
}
