using System.Diagnostics;
using System.Globalization;

namespace Switchboard.BrowserTests.Rig;

/// <summary>
/// Debian's nginx (installed by ./test.sh) terminating TLS on a free loopback port with a self-signed certificate made
/// for the test, in front of the given instances with sticky sessions (<c>ip_hash</c>, as docs/deploy shows); its own
/// folder, no system service, stopped by its PID.
/// </summary>
internal sealed class NginxProxy : IAsyncDisposable
{
    private const string Program = "/usr/sbin/nginx";

    private readonly string _folder;
    private Process? _nginx;

    private NginxProxy(string folder, int port)
    {
        _folder = folder;
        Port = port;
    }

    public int Port { get; }

    public string Url => $"https://localhost:{Port.ToString(CultureInfo.InvariantCulture)}";

    public static async Task<NginxProxy> StartAsync(string folder, int port, IReadOnlyList<int> instancePorts)
    {
        if (!File.Exists(Program))
        {
            throw new InvalidOperationException($"{Program} is missing: run ./test.sh once, it installs nginx.");
        }

        Directory.CreateDirectory(folder);
        var proxy = new NginxProxy(folder, port);
        await ExternalCommand.RunAsync("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
            "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1", "-keyout", Path.Combine(folder, "tls.key"), "-out", Path.Combine(folder, "tls.pem"));
        await File.WriteAllTextAsync(Path.Combine(folder, "nginx.conf"), proxy.Configuration(instancePorts));
        proxy._nginx = Process.Start(new ProcessStartInfo(Program, ["-p", folder, "-c", Path.Combine(folder, "nginx.conf"), "-e", Path.Combine(folder, "error.log")]))
            ?? throw new InvalidOperationException("nginx did not start.");
        await Eventually.TrueAsync($"nginx answering on port {port}", async () =>
            proxy._nginx.HasExited ? throw new InvalidOperationException($"nginx exited: {proxy.ErrorLog}") : await LoopbackPort.AnswersAsync(port));
        return proxy;
    }

    private string Configuration(IReadOnlyList<int> instancePorts) => $$"""
        daemon off;
        master_process on;
        worker_processes 1;
        pid {{Path.Combine(_folder, "nginx.pid")}};
        error_log {{Path.Combine(_folder, "error.log")}} warn;
        events { worker_connections 256; }
        http {
            access_log off;
            client_body_temp_path {{Path.Combine(_folder, "body")}};
            proxy_temp_path {{Path.Combine(_folder, "proxy")}};
            fastcgi_temp_path {{Path.Combine(_folder, "fastcgi")}};
            uwsgi_temp_path {{Path.Combine(_folder, "uwsgi")}};
            scgi_temp_path {{Path.Combine(_folder, "scgi")}};
            upstream switchboard {
                ip_hash;
        {{string.Join('\n', instancePorts.Select(p => $"        server 127.0.0.1:{p.ToString(CultureInfo.InvariantCulture)};"))}}
            }
            map $http_upgrade $connection_upgrade { default upgrade; '' close; }
            server {
                listen 127.0.0.1:{{Port.ToString(CultureInfo.InvariantCulture)}} ssl;
                ssl_certificate {{Path.Combine(_folder, "tls.pem")}};
                ssl_certificate_key {{Path.Combine(_folder, "tls.key")}};
                location / {
                    proxy_pass http://switchboard;
                    proxy_http_version 1.1;
                    proxy_set_header Upgrade $http_upgrade;
                    proxy_set_header Connection $connection_upgrade;
                    proxy_set_header Host $http_host;
                    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                    proxy_set_header X-Forwarded-Proto $scheme;
                    proxy_buffer_size 32k;
                    proxy_buffers 8 32k;
                    proxy_read_timeout 1h;
                }
            }
        }
        """;

    public string ErrorLog => File.Exists(Path.Combine(_folder, "error.log")) ? File.ReadAllText(Path.Combine(_folder, "error.log")) : "";

    public async ValueTask DisposeAsync()
    {
        if (_nginx is { HasExited: false })
        {
            _nginx.Kill(entireProcessTree: true);
            await _nginx.WaitForExitAsync();
        }

        _nginx?.Dispose();
    }
}
