using System.Diagnostics;
using System.Text;

namespace Switchboard.IntegrationTests.Hosting;

/// <summary>
/// The portal as an operator runs it: its own process (<c>dotnet Switchboard.Portal.dll</c>) from a given folder, on a
/// free loopback port, with settings from environment variables. Ready once it logs that it listens.
/// </summary>
public sealed class PortalProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private PortalProcess(Process process, string url)
    {
        _process = process;
        Url = url;
    }

    public string Url { get; }

    /// <summary>The process id, as the portal writes it on the job runs it makes (<c>machine:pid</c>).</summary>
    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>What the process wrote so far (standard output and error), for assertions and failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static async Task<PortalProcess> StartAsync(string portalDll, string workingDirectory, IReadOnlyDictionary<string, string> environment)
    {
        var url = $"http://127.0.0.1:{LoopbackPort.Free()}";
        var start = new ProcessStartInfo("dotnet", [portalDll, "--urls", url])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = workingDirectory,
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var portal = new PortalProcess(new Process { StartInfo = start }, url);
        portal._process.OutputDataReceived += (_, line) => portal.Record(line.Data);
        portal._process.ErrorDataReceived += (_, line) => portal.Record(line.Data);
        portal._process.Start();
        portal._process.BeginOutputReadLine();
        portal._process.BeginErrorReadLine();

        var exited = portal._process.WaitForExitAsync(TestContext.Current.CancellationToken);
        try
        {
            if (await Task.WhenAny(portal._listening.Task, exited).WaitAsync(TimeSpan.FromMinutes(2), TestContext.Current.CancellationToken) == portal._listening.Task)
            {
                return portal;
            }
        }
        catch (TimeoutException)
        {
        }

        await portal.DisposeAsync();
        Assert.Fail($"The portal did not start listening on {url} within 2 minutes:\n{portal.Output}");
        return portal;
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        if (line.Contains("Now listening on", StringComparison.Ordinal))
        {
            _listening.TrySetResult();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
