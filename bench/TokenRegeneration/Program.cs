// Measures the Mattermost token job against the simulator: 10,000 people needing tokens, 20 ms latency per call
// (a look-up and a create each), at concurrency 8, 16 and 32, against the ideal calls × latency / concurrency;
// then a run against the simulator's rate limiter (10 requests/s, burst 100).
// Run: dotnet run -c Release --project bench/TokenRegeneration [-- <people>]
using System.Diagnostics;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Switchboard.Domain.People;
using Switchboard.Infrastructure;
using Switchboard.Infrastructure.Mattermost;
using Switchboard.Infrastructure.People;
using Switchboard.Infrastructure.Persistence;
using Switchboard.MattermostSimulator;

var people = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 10_000;
var latency = TimeSpan.FromMilliseconds(20);
var state = new SimulatorState();
await using var simulator = Simulator.Create(["--urls", "http://127.0.0.1:0"], state);
await simulator.StartAsync();
var url = simulator.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

var folder = Path.Combine(Path.GetTempPath(), $"switchboard-bench-tokens-{Guid.NewGuid():N}");
var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
{
    ["Database:DataFolder"] = folder,
    ["Mattermost:Enabled"] = "true",
    ["Mattermost:Url"] = url,
    ["Mattermost:AdminToken"] = state.AdminToken,
}).Build();
var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration).AddInfrastructure(configuration);
await using var provider = services.BuildServiceProvider();
var contexts = provider.GetRequiredService<IDbContextFactory<SwitchboardDbContext>>();
await using (var db = await contexts.CreateDbContextAsync())
{
    await db.Database.MigrateAsync();
}

var writer = provider.GetRequiredService<DirectoryWriter>();
for (var start = 0; start < people; start += 5_000)
{
    var batch = Enumerable.Range(start, Math.Min(5_000, people - start))
        .Select(i => new PersonDraft { Username = $"user{i:D5}", Email = $"user{i:D5}@example.test", MattermostSyncEnabled = true }).ToList();
    await writer.UpsertAsync(batch, CancellationToken.None);
}

for (var i = 0; i < people; i++)
{
    state.AddUser($"user{i:D5}", $"user{i:D5}@example.test");
}

var settings = provider.GetRequiredService<IOptions<MattermostOptions>>().Value;
var runner = provider.GetRequiredService<TokenRegenerationRunner>();

async Task ResetTokensAsync()
{
    await using var db = await contexts.CreateDbContextAsync();
    await db.People.ExecuteUpdateAsync(s => s.SetProperty(p => p.MattermostTokenProtected, (string?)null).SetProperty(p => p.MattermostTokenId, (string?)null));
    foreach (var token in state.Tokens.ToList())
    {
        state.RevokeToken(token.Id);
    }
}

Console.WriteLine($"{people:N0} people needing tokens, {latency.TotalMilliseconds} ms per call, {people * 2:N0} calls per run.");
state.Latency = latency;
foreach (var concurrency in new[] { 8, 16, 32 })
{
    await ResetTokensAsync();
    settings.Concurrency = concurrency;
    GC.Collect();
    var baseline = GC.GetTotalMemory(forceFullCollection: true);
    long peak = 0;
    using var sampling = new CancellationTokenSource();
    var sampler = Task.Run(async () =>
    {
        while (!sampling.IsCancellationRequested)
        {
            peak = Math.Max(peak, GC.GetTotalMemory(false) - baseline);
            await Task.Delay(250);
        }
    });
    var clock = Stopwatch.StartNew();
    var run = await runner.RunAsync("bench", CancellationToken.None);
    var elapsed = clock.Elapsed.TotalSeconds;
    await sampling.CancelAsync();
    await sampler;
    var ideal = people * 2 * latency.TotalSeconds / concurrency;
    Console.WriteLine($"concurrency {concurrency,2}: {elapsed:F1} s for {run.Generated:N0} tokens; ideal {ideal:F1} s; ratio {elapsed / ideal:F2}; "
        + $"peak managed memory above the start {peak / 1024.0 / 1024.0:F1} MB; simulator saw at most {state.MaxInFlight} calls at once");
}

// Against the rate limiter: 10 requests/s with a burst of 100, no latency.
const int Limited = 150;
await ResetTokensAsync();
await using (var db = await contexts.CreateDbContextAsync())
{
    await db.People.Where(p => p.Id > Limited).ExecuteUpdateAsync(s => s.SetProperty(p => p.MattermostSyncEnabled, false));
}

state.Latency = TimeSpan.Zero;
state.RateLimit = new RateLimit(perSecond: 10, burst: 100);
settings.Concurrency = 16;
var before429 = state.Calls.GetValueOrDefault("429");
var limitedClock = Stopwatch.StartNew();
var limited = await runner.RunAsync("bench", CancellationToken.None);
var calls = (Limited * 2) + 1;
Console.WriteLine($"rate limited (10/s, burst 100): {calls} calls in {limitedClock.Elapsed.TotalSeconds:F1} s (the limit allows them in no less than {(calls - 100) / 10.0:F1} s); "
    + $"{limited.Generated} tokens; 429 answers: {state.Calls.GetValueOrDefault("429") - before429}");
Directory.Delete(folder, recursive: true);
