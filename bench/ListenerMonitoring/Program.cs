// Monitoring cost: the portal (in-process test server) watching 200 deployments at a 10 s interval, against two
// Exchange Listener simulators in separate processes (one healthy for 199 deployments, one hanging for the last), compared
// with the same portal watching none. CPU is the portal process's processor time over the window; memory is the working
// set after a full collection. Also counts checks per healthy deployment, to show the hanging one delays nobody.
// Run: dotnet run -c Release --project bench/ListenerMonitoring [-- <seconds>]
using System.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Infrastructure.Listeners;
using Switchboard.Infrastructure.Persistence;

var seconds = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 60;
const int Deployments = 200;
var simulator = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../tests/ExchangeListenerSimulator/bin/Release/net10.0/Switchboard.ExchangeListenerSimulator.dll"));
using var healthy = Process.Start("dotnet", [simulator, "--urls", "http://127.0.0.1:18082"]);
using var hanging = Process.Start("dotnet", [simulator, "--urls", "http://127.0.0.1:18083"]);
await Task.Delay(3000);
using (var http = new HttpClient())
{
    await http.PostAsync("http://127.0.0.1:18083/simulator/mode", new StringContent("""{"mode":"Hanging"}""", System.Text.Encoding.UTF8, "application/json"));
}

Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_SWITCHBOARD_PORTAL", Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../src/Portal")));
var idle = await MeasureAsync(0);
var watching = await MeasureAsync(Deployments);
Console.WriteLine($"{"",-28} {"CPU (% of one core)",20} {"working set (MB)",18}");
Console.WriteLine($"{"no deployments",-28} {idle.Cpu,20:F2} {idle.Memory,18:F1}");
Console.WriteLine($"{$"{Deployments} deployments every 10 s",-28} {watching.Cpu,20:F2} {watching.Memory,18:F1}");
Console.WriteLine($"extra: {watching.Cpu - idle.Cpu:F2}% of one core, {watching.Memory - idle.Memory:F1} MB");
Console.WriteLine($"checks per healthy deployment in {seconds} s: min {watching.MinChecks}, max {watching.MaxChecks} (the hanging one: {watching.HangingChecks})");
healthy.Kill();
hanging.Kill();

async Task<(double Cpu, double Memory, int MinChecks, int MaxChecks, int HangingChecks)> MeasureAsync(int deployments)
{
    var folder = Path.Combine(Path.GetTempPath(), $"switchboard-bench-listeners-{Guid.NewGuid():N}");
    await using var portal = new WebApplicationFactory<Switchboard.Infrastructure.Listeners.ListenersService>().WithWebHostBuilder(b =>
    {
        b.UseEnvironment("Development").UseSetting("Database:DataFolder", folder).UseSetting("DemoData:Enabled", "false")
            .UseSetting("Logging:LogLevel:Default", "Warning").UseSetting("ExchangeListeners:Interval", "00:00:10").UseSetting("ExchangeListeners:Timeout", "00:00:05");
        for (var i = 0; i < deployments; i++)
        {
            b.UseSetting($"ExchangeListeners:Deployments:{i}:Name", $"listener-{i:D3}");
            b.UseSetting($"ExchangeListeners:Deployments:{i}:ServiceUrl", i == deployments - 1 ? "http://127.0.0.1:18083" : "http://127.0.0.1:18082");
        }
    });
    var contexts = portal.Services.GetRequiredService<IDbContextFactory<SwitchboardDbContext>>();
    await Task.Delay(TimeSpan.FromSeconds(15)); // warm-up: first checks, JIT
    var process = Process.GetCurrentProcess();
    var cpuBefore = process.TotalProcessorTime;
    var since = DateTime.UtcNow;
    var timer = Stopwatch.StartNew();
    await Task.Delay(TimeSpan.FromSeconds(seconds));
    process.Refresh();
    var cpu = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds / timer.Elapsed.TotalMilliseconds * 100;
    GC.Collect();
    GC.WaitForPendingFinalizers();
    process.Refresh();
    var memory = process.WorkingSet64 / 1024.0 / 1024.0;
    await using var db = await contexts.CreateDbContextAsync();
    var counts = await db.ListenerChecks.Where(c => c.At >= since).GroupBy(c => c.Deployment).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
    var healthyCounts = counts.Where(c => c.Key != $"listener-{deployments - 1:D3}").Select(c => c.Count).DefaultIfEmpty(0).ToList();
    var hangingCount = counts.FirstOrDefault(c => c.Key == $"listener-{deployments - 1:D3}")?.Count ?? 0;
    await portal.DisposeAsync();
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    Directory.Delete(folder, recursive: true);
    return (cpu, memory, healthyCounts.Min(), healthyCounts.Max(), hangingCount);
}
