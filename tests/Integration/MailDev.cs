using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;

namespace Switchboard.IntegrationTests;

/// <summary>A real SMTP server on loopback (npm <c>maildev</c>), started on free ports; its REST API lists what arrived.</summary>
public sealed class MailDev : IAsyncDisposable
{
    private readonly Process _process;
    private readonly HttpClient _api;

    private MailDev(Process process, int smtpPort, int webPort)
    {
        _process = process;
        SmtpPort = smtpPort;
        _api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{webPort}") };
    }

    public int SmtpPort { get; }

    public static async Task<MailDev> StartAsync(int? smtpPort = null)
    {
        var (smtp, web) = (smtpPort ?? LoopbackPort.Free(), LoopbackPort.Free());
        var folder = Path.Combine(RepositoryRoot.Path, "tests", "Integration", "maildev");
        var start = new ProcessStartInfo("node", [Path.Combine(folder, "node_modules", "maildev", "dist", "bin", "maildev.js"),
            "--smtp", smtp.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--web", web.ToString(System.Globalization.CultureInfo.InvariantCulture), "--ip", "127.0.0.1"])
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var mailDev = new MailDev(process, smtp, web);
        try
        {
            await Eventually.TrueAsync("maildev answering on its web and SMTP ports (run ./test.sh once: it installs the npm package)",
                async () => await mailDev.HealthyAsync() && await LoopbackPort.AnswersAsync(smtp), TimeSpan.FromMinutes(2));
            return mailDev;
        }
        catch
        {
            await mailDev.DisposeAsync();
            throw;
        }
    }

    private async Task<bool> HealthyAsync()
    {
        try
        {
            using var response = await _api.GetAsync("/api/healthz");
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    /// <summary>Every received message as maildev's JSON (subject, to, headers, text, html …).</summary>
    public async Task<IReadOnlyList<JsonElement>> MessagesAsync() =>
        (await _api.GetFromJsonAsync<JsonElement>("/api/email")).EnumerateArray().ToList();

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _api.Dispose();
    }
}
