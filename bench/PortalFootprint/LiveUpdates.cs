using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Microsoft.Playwright;

namespace Switchboard.Bench.PortalFootprint;

/// <summary>
/// The <c>live</c> mode: memory per open live page (circuit) spread over the live list pages, and the portal's CPU while
/// a writer posts identity events through its API at a steady rate, first with no page open, then with the pages open.
/// </summary>
internal sealed class LiveUpdates(Process portal, string url, PortalDatabase database, Func<string, Task<IPage>> openAsync)
{
    /// <summary>The live list pages the circuits are spread over (round robin).</summary>
    private static readonly string[] Routes =
    [
        "/", "/notifications?tab=events", "/notifications?tab=delivery-log", "/audit", "/provisioning", "/listeners", "/chatops",
    ];

    private const int BatchesPerSecond = 10;

    public async Task RunAsync(int circuits, int seconds, int rate)
    {
        // Warm-up: every page once (JIT, caches; the demo data is seeded by then) and a 10 s burst, then everything closed.
        foreach (var route in Routes)
        {
            await (await openAsync(route)).Context.CloseAsync();
        }

        var (secret, prefix) = await database.AddEventsKeyAsync();
        try
        {
            await RunAsync(secret, circuits, seconds, rate);
        }
        finally
        {
            await database.RemoveKeyAsync(prefix);
        }
    }

    private async Task RunAsync(string secret, int circuits, int seconds, int rate)
    {
        using var api = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(30) };
        api.DefaultRequestHeaders.Add("X-Api-Key", secret);

        await WriteAsync(api, rate, 10, "warm");
        await Task.Delay(3000);

        // The bursts with no page open come before and after the one with the pages, so that an order effect (the
        // database growing, code tiering up) shows as a difference between the two.
        var quiet = await WriteAsync(api, rate, seconds, "quiet");
        await Task.Delay(5000);
        var rss0 = ProcessMemory.RssMegabytes(portal);
        var heap0 = await ProcessMemory.ReachableManagedMegabytesAsync(portal);

        var pages = new List<IPage>();
        for (var i = 0; i < circuits; i++)
        {
            pages.Add(await openAsync(Routes[i % Routes.Length]));
        }

        await Task.Delay(5000);
        var rss40 = ProcessMemory.RssMegabytes(portal);
        var heap40 = await ProcessMemory.ReachableManagedMegabytesAsync(portal);
        var idle = await IdleCoresAsync(10);
        var live = await WriteAsync(api, rate, seconds, "live");
        await Task.Delay(3000);
        var rssAfter = ProcessMemory.RssMegabytes(portal);
        var stillOpen = 0;
        foreach (var page in pages)
        {
            stillOpen += await page.Locator("#components-reconnect-modal[open], .components-reconnect-show").CountAsync() == 0 ? 1 : 0;
        }

        foreach (var page in pages)
        {
            await page.Context.CloseAsync();
        }

        await Task.Delay(5000);
        var quietAgain = await WriteAsync(api, rate, seconds, "quiet-again");

        Console.WriteLine($"RSS with 0 open pages (after warm-up and a burst): {rss0:F1} MB");
        Console.WriteLine($"RSS with {circuits} open live pages: {rss40:F1} MB");
        Console.WriteLine($"per circuit: {(rss40 - rss0) / circuits:F2} MB");
        Console.WriteLine($"reachable managed heap (after a full collection) with 0 / {circuits} open live pages: {heap0:F1} / {heap40:F1} MB; "
            + $"per circuit: {(heap40 - heap0) / circuits:F2} MB");
        Console.WriteLine($"RSS after the live burst: {rssAfter:F1} MB");
        Console.WriteLine($"idle CPU with {circuits} pages open, no writes: {idle:F3} cores");
        Console.WriteLine($"burst with 0 pages open: {quiet}");
        Console.WriteLine($"burst with {circuits} pages open: {live}");
        Console.WriteLine($"pages still connected after the burst: {stillOpen} of {circuits}");
        Console.WriteLine($"burst with 0 pages open, again after closing them: {quietAgain}");
        Console.WriteLine($"cost of the live pages: {live.Cores - (quiet.Cores + quietAgain.Cores) / 2:F2} cores (against the mean of the two bursts without pages)");
    }

    /// <summary>Posts <paramref name="rate"/> events a second, in batches every 100 ms, and measures the portal's CPU meanwhile.</summary>
    private async Task<Burst> WriteAsync(HttpClient api, int rate, int seconds, string run)
    {
        var perBatch = rate / BatchesPerSecond;
        var batches = seconds * BatchesPerSecond;
        var inFlight = new List<Task<bool>>();
        var accepted = 0;
        var failed = 0;
        var cpu0 = CpuSeconds();
        var clock = Stopwatch.StartNew();
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1.0 / BatchesPerSecond));
        for (var b = 0; b < batches; b++)
        {
            var events = Enumerable.Range(0, perBatch).Select(i => new
            {
                id = $"bench-{run}-{Guid.NewGuid():N}",
                entityType = "IdmIdentity",
                eventType = "UPDATE",
                entityId = $"bench-{(b * perBatch + i) % 500}",
                identity = $"bench.person{(b * perBatch + i) % 500}",
                occurredAt = DateTime.UtcNow,
            }).ToList();
            inFlight.Add(PostAsync(api, events));
            inFlight.RemoveAll(t =>
            {
                if (!t.IsCompleted)
                {
                    return false;
                }

                accepted += t.Result ? perBatch : 0;
                failed += t.Result ? 0 : 1;
                return true;
            });
            await timer.WaitForNextTickAsync();
        }

        foreach (var result in await Task.WhenAll(inFlight))
        {
            accepted += result ? perBatch : 0;
            failed += result ? 0 : 1;
        }

        var wall = clock.Elapsed.TotalSeconds;
        var cpu = CpuSeconds() - cpu0;
        return new Burst(accepted / wall, cpu / wall, failed, wall);
    }

    /// <summary>Whether the portal accepted the batch; a timeout or a refused connection is a failed request, not the end of the run.</summary>
    private static async Task<bool> PostAsync(HttpClient api, object events)
    {
        try
        {
            using var response = await api.PostAsJsonAsync("/api/events", events);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException)
        {
            // HttpClient.Timeout: the bench passes no token of its own, so this is the request timing out.
            return false;
        }
    }

    private async Task<double> IdleCoresAsync(int seconds)
    {
        var cpu0 = CpuSeconds();
        await Task.Delay(TimeSpan.FromSeconds(seconds));
        return (CpuSeconds() - cpu0) / seconds;
    }

    /// <summary>utime + stime of the portal process (fields 14 and 15 of /proc/pid/stat), in seconds.</summary>
    private double CpuSeconds()
    {
        var stat = File.ReadAllText($"/proc/{portal.Id}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    private sealed record Burst(double EventsPerSecond, double Cores, int FailedRequests, double Seconds)
    {
        public override string ToString() =>
            $"{EventsPerSecond:F0} events/s accepted over {Seconds:F1} s, portal CPU {Cores:F2} cores, {FailedRequests} failed requests";
    }
}
