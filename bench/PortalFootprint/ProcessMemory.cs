using System.Diagnostics;
using System.Globalization;

namespace Switchboard.Bench.PortalFootprint;

/// <summary>A process's memory as Linux reports it, for both modes of the bench.</summary>
internal static class ProcessMemory
{
    /// <summary>The resident set (VmRSS of /proc/pid/status), in MB.</summary>
    public static double RssMegabytes(Process process)
    {
        var line = File.ReadLines($"/proc/{process.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }
}
