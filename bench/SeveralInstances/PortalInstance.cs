using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Switchboard.Bench.SeveralInstances;

/// <summary>One portal process (the Release build) on a free loopback port; <see cref="KillAsync"/> is <c>kill -9</c>.</summary>
internal sealed class PortalInstance : IAsyncDisposable
{
    private readonly Process _process;

    private PortalInstance(Process process) => _process = process;

    /// <summary>The name the portal writes on its job runs (<c>machine:pid</c>).</summary>
    public string Name => $"{Environment.MachineName}:{_process.Id.ToString(CultureInfo.InvariantCulture)}";

    public static async Task<PortalInstance> StartAsync(string portalDll, IReadOnlyDictionary<string, string> settings)
    {
        using var free = new TcpListener(IPAddress.Loopback, 0);
        free.Start();
        var url = $"http://127.0.0.1:{((IPEndPoint)free.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture)}";
        free.Stop();
        var start = new ProcessStartInfo("dotnet", [portalDll, "--urls", url]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data?.Contains("Now listening on", StringComparison.Ordinal) == true)
            {
                listening.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, _) => { };
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException("The portal exited while starting."));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await listening.Task.WaitAsync(TimeSpan.FromMinutes(3));
        return new PortalInstance(process);
    }

    /// <summary>The processor time the process has used so far.</summary>
    public TimeSpan Cpu
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary>SIGKILL: the process releases nothing; PostgreSQL ends its sessions (and their advisory locks).</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }
}
