using System.Diagnostics;

namespace Switchboard.Bench;

/// <summary>The bench process as a whole (bench and in-process portal).</summary>
internal static class BenchProcess
{
    /// <summary>
    /// Waits until the process has used less than a tenth of one core over half a second (a started portal has finished
    /// its start-up work: migrations, each job's first run), or 60 s at most.
    /// </summary>
    public static async Task WaitUntilIdleAsync()
    {
        var window = TimeSpan.FromMilliseconds(500);
        var deadline = Stopwatch.StartNew();
        using var process = Process.GetCurrentProcess();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            process.Refresh();
            var before = process.TotalProcessorTime;
            await Task.Delay(window);
            process.Refresh();
            if (process.TotalProcessorTime - before < window / 10)
            {
                return;
            }
        }
    }
}
