using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Switchboard.Bench.Shared;

/// <summary>
/// A minimal SMTP server on loopback that accepts every message and keeps none: no greeting delay, no storage, so a
/// benchmark measures the sender. (maildev and smtp-server wait before their greeting, which hides the sender's cost.)
/// Asked to record, it also keeps each message's <c>Message-ID</c> and arrival time, so a bench can tell whether any
/// message came twice and how long the delivery took.
/// </summary>
internal sealed class SmtpSink : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private ConcurrentDictionary<string, int> _seen = new(StringComparer.Ordinal);
    private long _first = long.MaxValue;
    private long _last;
    private long _received;
    private readonly bool _record;
    private readonly TimeSpan _acceptDelay;

    /// <param name="record">Keep each message's Message-ID and arrival time.</param>
    /// <param name="acceptDelay">
    /// How long the sink takes to accept each message before answering 250, as a relay that stores the message in its queue
    /// first does; none by default.
    /// </param>
    public SmtpSink(bool record = false, TimeSpan acceptDelay = default)
    {
        (_record, _acceptDelay) = (record, acceptDelay);
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Every message received.</summary>
    public long Received => Interlocked.Read(ref _received);

    /// <summary>Distinct messages received since the last <see cref="Reset"/>.</summary>
    public int Distinct => _seen.Count;

    /// <summary>Messages received more than once (by Message-ID) since the last <see cref="Reset"/>.</summary>
    public int Twice => _seen.Values.Count(n => n > 1);

    /// <summary>From the first message to the last since the last <see cref="Reset"/>.</summary>
    public TimeSpan Span => TimeSpan.FromTicks(Math.Max(0, Interlocked.Read(ref _last) - Interlocked.Read(ref _first)));

    public void Reset()
    {
        _seen = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        Interlocked.Exchange(ref _first, long.MaxValue);
        Interlocked.Exchange(ref _last, 0);
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            _ = ServeAsync(client);
        }
    }

    private void Record(string messageId)
    {
        Interlocked.Increment(ref _received);
        if (!_record)
        {
            return;
        }

        var now = _clock.Elapsed.Ticks;
        long seen;
        while (now < (seen = Interlocked.Read(ref _first)) && Interlocked.CompareExchange(ref _first, now, seen) != seen)
        {
        }

        while (now > (seen = Interlocked.Read(ref _last)) && Interlocked.CompareExchange(ref _last, now, seen) != seen)
        {
        }

        _seen.AddOrUpdate(messageId, 1, (_, n) => n + 1);
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            client.NoDelay = true;
            var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.ASCII, false, 64 * 1024);
            await using var writer = new StreamWriter(stream, Encoding.ASCII, 4096) { NewLine = "\r\n", AutoFlush = false };
            async Task Reply(string line)
            {
                await writer.WriteLineAsync(line);
                await writer.FlushAsync();
            }

            await Reply("220 sink ESMTP");
            while (await reader.ReadLineAsync() is { } line)
            {
                var verb = line.Length >= 4 ? line[..4].ToUpperInvariant() : line.ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO":
                        await writer.WriteLineAsync("250-sink");
                        await Reply("250 8BITMIME");
                        break;
                    case "DATA":
                        await Reply("354 end with <CRLF>.<CRLF>");
                        var messageId = "";
                        while (await reader.ReadLineAsync() is { } data && data != ".")
                        {
                            if (_record && messageId.Length == 0 && data.StartsWith("Message-ID:", StringComparison.OrdinalIgnoreCase))
                            {
                                messageId = data["Message-ID:".Length..].Trim();
                            }
                        }

                        if (_acceptDelay > TimeSpan.Zero)
                        {
                            await Task.Delay(_acceptDelay);
                        }

                        Record(messageId);
                        await Reply("250 2.0.0 Ok: queued");
                        break;
                    case "QUIT":
                        await Reply("221 bye");
                        return;
                    default:
                        await Reply("250 OK");
                        break;
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
