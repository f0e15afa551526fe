using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Switchboard.IntegrationTests;

/// <summary>
/// A real RabbitMQ broker (Debian's <c>rabbitmq-server</c>, installed by ./test.sh) started for the tests as a node of
/// its own: loopback only, free ports, its data in a temporary folder that goes with it.
/// </summary>
public sealed class RabbitMqBroker : IAsyncLifetime
{
    private const string ServerScript = "/usr/lib/rabbitmq/bin/rabbitmq-server";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"switchboard-rabbitmq-{Guid.NewGuid():N}");
    private readonly Queue<string> _output = new();
    private Process? _process;
    private bool _keepFolder;

    public int Port { get; } = LoopbackPort.Free();

    /// <summary>The broker's default <c>guest</c> account works from loopback only, which is where the tests are.</summary>
    public string Uri => $"amqp://guest:guest@127.0.0.1:{Port}/";

    private readonly int _distributionPort = LoopbackPort.Free();

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ServerScript))
        {
            throw new InvalidOperationException($"{ServerScript} is missing: run ./test.sh once, it installs rabbitmq-server.");
        }

        Directory.CreateDirectory(_folder);
        await File.WriteAllTextAsync(Path.Combine(_folder, "enabled_plugins"), "[].");
        await File.WriteAllTextAsync(Path.Combine(_folder, "rabbitmq.conf"), "");
        await StartNodeAsync();
    }

    /// <summary>Kills the node (as a crash would) and starts it again on the same port with the same data: durable queues and persistent messages survive.</summary>
    public async Task RestartAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        await Eventually.TrueAsync($"the killed node's port {Port} closed", async () => !await LoopbackPort.AnswersAsync(Port));

        await StartNodeAsync();
    }

    private async Task StartNodeAsync()
    {
        var start = new ProcessStartInfo(ServerScript) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (name, value) in new Dictionary<string, string>
        {
            ["HOME"] = _folder,
            ["RABBITMQ_NODENAME"] = $"switchboard-{Port}@localhost",
            ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_NODE_PORT"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RABBITMQ_DIST_PORT"] = _distributionPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RABBITMQ_MNESIA_BASE"] = Path.Combine(_folder, "mnesia"),
            ["RABBITMQ_LOG_BASE"] = Path.Combine(_folder, "log"),
            ["RABBITMQ_CONFIG_FILE"] = Path.Combine(_folder, "rabbitmq"),
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(_folder, "enabled_plugins"),
            ["RABBITMQ_PID_FILE"] = Path.Combine(_folder, "pid"),
            ["ERL_EPMD_ADDRESS"] = "127.0.0.1",
        })
        {
            start.Environment[name] = value;
        }

        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, line) => Remember(line.Data);
        _process.ErrorDataReceived += (_, line) => Remember(line.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        // Erlang boots slowly when the test run's other processes hold both cores: allow two minutes.
        try
        {
            await Eventually.TrueAsync($"RabbitMQ answering on port {Port}", async () => _process.HasExited || await LoopbackPort.AnswersAsync(Port), TimeSpan.FromMinutes(2));
            if (!_process.HasExited)
            {
                return;
            }
        }
        catch (TimeoutException)
        {
            // Reported below with the node's output.
        }

        _keepFolder = true;
        string[] output;
        lock (_output)
        {
            output = [.. _output];
        }

        throw new TimeoutException($"RabbitMQ did not open port {Port} ({(_process.HasExited ? $"it exited with {_process.ExitCode}" : "still starting after 120 s")}); "
            + $"its log is in {_folder}/log; last output: {string.Join(" | ", output)}");
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        if (_keepFolder)
        {
            return;
        }

        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // The node may still be releasing files; the temporary folder is cleaned up by the system.
        }
    }

    private void Remember(string? line)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return;
        }

        lock (_output)
        {
            _output.Enqueue(line.Trim());
            while (_output.Count > 15)
            {
                _output.Dequeue();
            }
        }
    }
}
