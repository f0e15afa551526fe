using System.Diagnostics;
using System.Globalization;

namespace Switchboard.Bench.PortalFootprint;

/// <summary>A process's memory as Linux reports it, and as its managed heap holds it, for both modes of the bench.</summary>
internal static class ProcessMemory
{
    /// <summary>The resident set (VmRSS of /proc/pid/status), in MB.</summary>
    public static double RssMegabytes(Process process)
    {
        var line = File.ReadLines($"/proc/{process.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }

    /// <summary>
    /// The managed objects still reachable, in MB, after the full collection that <c>dotnet-gcdump</c> (the repository's
    /// tool manifest: <c>dotnet tool restore</c>) makes before it walks the heap: what open pages really hold, without the
    /// garbage not yet collected and the free heap space an RSS reading includes.
    /// </summary>
    public static async Task<double> ReachableManagedMegabytesAsync(Process process)
    {
        var dump = Path.Combine(Path.GetTempPath(), $"footprint-{process.Id}-{Guid.NewGuid():N}.gcdump");
        try
        {
            await GcDumpAsync("collect", "-p", process.Id.ToString(CultureInfo.InvariantCulture), "-o", dump);
            var report = await GcDumpAsync("report", dump);
            var line = report.Split('\n').First(l => l.Contains("GC Heap bytes", StringComparison.Ordinal));
            var bytes = long.Parse(line.Trim().Split(' ')[0], NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
            return bytes / 1024.0 / 1024.0;
        }
        finally
        {
            File.Delete(dump);
        }
    }

    private static async Task<string> GcDumpAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet", ["dotnet-gcdump", .. arguments]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var tool = Process.Start(start)!;
        var output = tool.StandardOutput.ReadToEndAsync();
        var error = tool.StandardError.ReadToEndAsync();
        await tool.WaitForExitAsync();
        if (tool.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet-gcdump {arguments[0]} failed (run `dotnet tool restore` first): {await error}{await output}");
        }

        return await output;
    }
}
