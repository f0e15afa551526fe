using System.Diagnostics;

namespace Switchboard.IntegrationTests;

/// <summary>A real Redis (Debian's <c>redis-server</c>, installed by ./test.sh) on a free loopback port, nothing saved; it can be stopped and started again.</summary>
public sealed class RedisServer : IAsyncLifetime
{
    private Process? _process;

    public int Port { get; } = LoopbackPort.Free();

    public string ConnectionString => $"127.0.0.1:{Port}";

    public ValueTask InitializeAsync() => new(StartAsync());

    public async Task StartAsync()
    {
        var start = new ProcessStartInfo("redis-server", ["--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start: run ./test.sh once, it installs it.");
        await Eventually.TrueAsync($"redis-server answering on port {Port}", () => LoopbackPort.AnswersAsync(Port));
    }

    public async Task StopAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
