// Measures the portal's footprint on this machine: cold start-up to the first page, idle memory (RSS) after a
// sign-in, and memory per signed-in browser session (Blazor circuit) on the Dashboard.
// Run: dotnet run -c Release --project bench/PortalFootprint -- [circuits]   (build the portal in Release first)
//
// Live updates (issue 16, "Measured"): memory per open live page and the portal's CPU under a burst of events.
// Run: dotnet run -c Release --project bench/PortalFootprint -- live [pages=40] [seconds=30] [events per second=1000]
// It opens the live list pages round robin (Dashboard, Events, Delivery log, Audit, Provisioning, Listeners, ChatOps),
// reads RSS (/proc/pid/status VmRSS) and the reachable managed heap (dotnet-gcdump, after a full collection; run
// `dotnet tool restore` first) with 0 and with N of them open, and the portal's CPU (/proc/pid/stat utime+stime)
// while a writer posts IdmIdentity events to POST /api/events (batches every 100 ms): with 0 pages open, with N pages
// open, and with 0 again after closing them. Needs sqlite3 on the PATH (it gives the seeded demo API key the events:write scope and a known secret).
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Playwright;
using Switchboard.Bench.PortalFootprint;

var live = args.Length > 0 && args[0] == "live";
var numbers = (live ? args[1..] : args).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray();
var circuits = numbers.Length > 0 ? numbers[0] : 40;
var root = FindRoot();
var port = FreePort();
var url = $"http://localhost:{port}";
var data = Path.Combine(Path.GetTempPath(), $"switchboard-bench-{Guid.NewGuid():N}");

var start = new ProcessStartInfo("dotnet", [Path.Combine(root, "src/Portal/bin/Release/net10.0/Switchboard.Portal.dll"), "--urls", url])
{
    WorkingDirectory = root,
    RedirectStandardOutput = true,
    RedirectStandardError = true,
};
start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
start.Environment["Database__DataFolder"] = data;
start.Environment["DemoData__Enabled"] = "true";
start.Environment["Logging__LogLevel__Default"] = "Warning";
foreach (var setting in Environment.GetEnvironmentVariables().Keys.Cast<string>().Where(k => k.StartsWith("DOTNET_gc", StringComparison.OrdinalIgnoreCase)))
{
    start.Environment[setting] = Environment.GetEnvironmentVariable(setting);
}

using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
var clock = Stopwatch.StartNew();
using var portal = Process.Start(start)!;
portal.OutputDataReceived += (_, _) => { };
portal.ErrorDataReceived += (_, _) => { };
portal.BeginOutputReadLine();
portal.BeginErrorReadLine();
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
    // Whatever ends the run (a browser error, the portal going away), the portal process and its data folder go with it.
    try
    {
        await new LiveUpdates(portal, url, data, async route =>
        {
            var page = await SignedInDashboardAsync();
            if (route != "/")
            {
                await page.GotoAsync(route);
                await page.Locator("h1").First.WaitForAsync();
            }

            return page;
        }).RunAsync(circuits, numbers.Length > 1 ? numbers[1] : 30, numbers.Length > 2 ? numbers[2] : 1000);
    }
    finally
    {
        portal.Kill(entireProcessTree: true);
        await portal.WaitForExitAsync();
        Directory.Delete(data, recursive: true);
    }

    return;
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

portal.Kill(entireProcessTree: true);
await portal.WaitForExitAsync();
Directory.Delete(data, recursive: true);

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
