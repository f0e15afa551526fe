// Measures the portal's footprint on this machine: cold start-up to the first page, idle memory (RSS) after a
// sign-in, and memory per signed-in browser session (Blazor circuit) on the Dashboard.
// Run: dotnet run -c Release --project bench/PortalFootprint -- [circuits]   (build the portal in Release first)
//
// Live updates (issue 16, "Measured"): memory per open live page and the portal's CPU under a burst of events.
// Run: dotnet run -c Release --project bench/PortalFootprint -- live [pages=40] [seconds=30] [events per second=1000] [--year-of-data DIR]
// It opens the live list pages round robin (Dashboard, Events, Delivery log, Audit, Provisioning, Listeners, ChatOps),
// reads RSS (/proc/pid/status VmRSS) and the reachable managed heap (dotnet-gcdump, after a full collection; run
// `dotnet tool restore` first) with 0 and with N of them open, and the portal's CPU (/proc/pid/stat utime+stime)
// while a writer posts IdmIdentity events to POST /api/events (batches every 100 ms): with 0 pages open, with N pages
// open, and with 0 again after closing them. Needs sqlite3 on the PATH (it adds an API key with the events:write scope
// and a known secret to the portal's database, and removes it at the end).
//   --year-of-data DIR  runs the portal on the database bench/YearOfData filled in DIR instead of a fresh one with demo
//       data: `dotnet run -c Release --project bench/YearOfData -- --folder DIR --fill-only [--scale S]` first (full
//       scale: about 5 minutes and 10 GB). The portal gets the fill's settings (no demo data, its Exchange Listener
//       deployments checked every 10 s); the jobs the events go through (evaluation, identity sync, the senders, the
//       ChatOps retry), which the fill pauses, run for the bench and are paused again at the end. DIR is kept, with the
//       events the bench wrote (about 100,000 a run) and their audit entries. The portal runs on real time: fill DIR
//       shortly before, or its "today" and "last 24 h" counts cover less than a live portal's would.
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Playwright;
using Switchboard.Bench;
using Switchboard.Bench.PortalFootprint;

var live = args.Length > 0 && args[0] == "live";
var at = Array.IndexOf(args, "--year-of-data");
var yearOfData = at < 0 ? null : YearOfDataFolder.Open(at + 1 < args.Length ? args[at + 1] : "");
if (at >= 0 && (!live || yearOfData is null))
{
    Console.Error.WriteLine(live
        ? $"--year-of-data DIR: DIR holds no database filled by bench/YearOfData. Fill it first: dotnet run -c Release --project bench/YearOfData -- --folder DIR --fill-only"
        : "--year-of-data is for the live mode: live [pages] [seconds] [events per second] --year-of-data DIR");
    return 1;
}

var numbers = (at < 0 ? args : [.. args[..at], .. args[(at + 2)..]]).Skip(live ? 1 : 0).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray();
var circuits = numbers.Length > 0 ? numbers[0] : 40;
var root = FindRoot();
var port = FreePort();
var url = $"http://localhost:{port}";
var data = yearOfData?.Folder ?? Path.Combine(Path.GetTempPath(), $"switchboard-bench-{Guid.NewGuid():N}");

var start = new ProcessStartInfo("dotnet", [Path.Combine(root, "src/Portal/bin/Release/net10.0/Switchboard.Portal.dll"), "--urls", url])
{
    WorkingDirectory = root,
    RedirectStandardOutput = true,
    RedirectStandardError = true,
};
start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
start.Environment["Logging__LogLevel__Default"] = "Warning";
if (yearOfData is null)
{
    start.Environment["Database__DataFolder"] = data;
    start.Environment["DemoData__Enabled"] = "true";
}
else
{
    foreach (var (key, value) in YearOfDataFolder.PortalSettings(yearOfData.Folder, yearOfData.Deployments))
    {
        start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
    }

    Console.WriteLine($"year of data in {yearOfData.Folder}: scale {yearOfData.Scale}, filled at {yearOfData.FilledAt:u} "
        + $"({(DateTime.UtcNow - yearOfData.FilledAt).TotalHours:F1} h ago), {yearOfData.Deployments} listener deployments");
}

foreach (var setting in Environment.GetEnvironmentVariables().Keys.Cast<string>().Where(k => k.StartsWith("DOTNET_gc", StringComparison.OrdinalIgnoreCase)))
{
    start.Environment[setting] = Environment.GetEnvironmentVariable(setting);
}

// The jobs the fill paused that the burst's events go through run as they do on demo data (before the portal starts, which reads them).
var database = new PortalDatabase(Path.Combine(data, YearOfDataFolder.DatabaseFile));
IReadOnlyList<string> resumed = yearOfData is null ? [] : await database.ResumeEventPathJobsAsync();
if (resumed.Count > 0)
{
    Console.WriteLine($"resumed for the run: {string.Join(", ", resumed)}");
}

using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
var clock = Stopwatch.StartNew();
using var portal = Process.Start(start)!;
portal.OutputDataReceived += (_, _) => { };
portal.ErrorDataReceived += (_, _) => { };
portal.BeginOutputReadLine();
portal.BeginErrorReadLine();
try
{
    while (true)
    {
        try
        {
            if ((await http.GetAsync($"{url}/dev/sign-in")).StatusCode == HttpStatusCode.OK)
            {
                break;
            }
        }
        catch (HttpRequestException)
        {
        }
        catch (TaskCanceledException)
        {
        }

        if (portal.HasExited)
        {
            throw new InvalidOperationException($"The portal ended at start-up (exit code {portal.ExitCode}); start it by hand with the same settings to see why.");
        }

        await Task.Delay(20);
    }

    var startup = clock.Elapsed;

    using var playwright = await Playwright.CreateAsync();
    await using var browser = await playwright.Chromium.LaunchAsync(new()
    {
        ExecutablePath = "/usr/bin/chromium",
        Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });

    async Task<IPage> SignedInDashboardAsync()
    {
        var context = await browser.NewContextAsync(new() { BaseURL = url });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in as ada.admin" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard" }).WaitForAsync();
        await page.GetByLabel("Audit entries today").WaitForAsync();
        return page;
    }

    if (live)
    {
        await new LiveUpdates(portal, url, database, async route =>
        {
            var page = await SignedInDashboardAsync();
            if (route != "/")
            {
                await page.GotoAsync(route);
                await page.Locator("h1").First.WaitForAsync();
            }

            return page;
        }).RunAsync(circuits, numbers.Length > 1 ? numbers[1] : 30, numbers.Length > 2 ? numbers[2] : 1000);
        return 0;
    }

    await SignedInDashboardAsync();
    await Task.Delay(3000);
    var idle = ProcessMemory.RssMegabytes(portal);

    for (var i = 0; i < circuits; i++)
    {
        await SignedInDashboardAsync();
    }

    await Task.Delay(3000);
    var loaded = ProcessMemory.RssMegabytes(portal);

    Console.WriteLine($"cold start to first page: {startup.TotalMilliseconds:F0} ms");
    Console.WriteLine($"idle RSS after one sign-in on the Dashboard: {idle:F1} MB");
    Console.WriteLine($"RSS with {circuits + 1} Dashboard circuits: {loaded:F1} MB");
    Console.WriteLine($"per circuit: {(loaded - idle) / circuits:F2} MB");
    return 0;
}
finally
{
    // Whatever ends the run (a browser error, the portal going away), the portal process goes with it, and so does its
    // fresh data folder; a year-of-data folder stays, with the jobs the run resumed paused again.
    if (!portal.HasExited)
    {
        portal.Kill(entireProcessTree: true);
    }

    await portal.WaitForExitAsync();
    if (yearOfData is null)
    {
        Directory.Delete(data, recursive: true);
    }
    else
    {
        await database.PauseAsync(resumed);
    }
}

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}

static string FindRoot()
{
    for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
    {
        if (File.Exists(Path.Combine(folder.FullName, "Switchboard.slnx")))
        {
            return folder.FullName;
        }
    }

    throw new InvalidOperationException("Run from inside the repository.");
}
