// Several instances on one PostgreSQL database (issue 15):
// 1. Outbox delivery to one SMTP sink by one portal instance and by two, in the same run, alternating each round; the
//    sink records every Message-ID, so the output says whether any message arrived twice.
// 2. Failover: the token job running on one instance, that instance killed with SIGKILL (kill -9), and the time until
//    the other instance starts the run that takes the work up (goal: Jobs:CoordinationInterval + 5 s).
//    With [accept ms] the sink takes that long to accept each message, as a relay that queues it first does: delivery is
//    then bounded by the sink's answers, not by this machine's two cores, which the instances otherwise share.
// Run: bench/SeveralInstances/run.sh [messages] [rounds] [accept ms]   (starts a throw-away PostgreSQL cluster; build src/Portal in Release first)
using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Switchboard.Bench.SeveralInstances;
using Switchboard.Bench.Shared;
using Switchboard.Domain.Jobs;
using Switchboard.Domain.Notifications;
using Switchboard.Domain.People;
using Switchboard.Infrastructure;
using Switchboard.Infrastructure.Jobs;
using Switchboard.Infrastructure.Mattermost;
using Switchboard.Infrastructure.People;
using Switchboard.Infrastructure.Persistence;
using Switchboard.MattermostSimulator;

var server = args.Length > 0 ? args[0] : throw new ArgumentException("Usage: <PostgreSQL connection string> [messages] [rounds] [accept ms] (see run.sh)");
var messages = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5_000;
var rounds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3;
var accept = TimeSpan.FromMilliseconds(args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 0);
var coordination = TimeSpan.FromSeconds(5); // the default Jobs:CoordinationInterval
var root = FindRoot();
var portalDll = Path.Combine(root, "src/Portal/bin/Release/net10.0/Switchboard.Portal.dll");

var database = $"sb_bench_{Guid.NewGuid():N}";
await using (var connection = new NpgsqlConnection(server))
{
    await connection.OpenAsync();
    await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", connection);
    await create.ExecuteNonQueryAsync();
}

var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
await using var sink = new SmtpSink(record: true, accept);
var mattermost = new SimulatorState { Latency = TimeSpan.FromMilliseconds(100) };
await using var simulator = Simulator.Create(["--urls", "http://127.0.0.1:0"], mattermost);
await simulator.StartAsync();
var mattermostUrl = simulator.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
var folder = Path.Combine(Path.GetTempPath(), $"switchboard-bench-instances-{Guid.NewGuid():N}");

Dictionary<string, string> Settings() => new()
{
    ["ASPNETCORE_ENVIRONMENT"] = "Development",
    ["Database__Provider"] = "Postgres",
    ["Database__ConnectionString"] = connectionString,
    ["Database__DataFolder"] = Path.Combine(folder, Guid.NewGuid().ToString("N")),
    ["DemoData__Enabled"] = "false",
    ["Jobs__CoordinationInterval"] = coordination.ToString("c", CultureInfo.InvariantCulture),
    ["Jobs__DatabaseMaintenance__Interval"] = "00:00:00",
    ["Smtp__Host"] = "127.0.0.1",
    ["Smtp__Port"] = sink.Port.ToString(CultureInfo.InvariantCulture),
    ["Smtp__Security"] = "None",
    ["Smtp__PollInterval"] = "00:00:01",
    ["Mattermost__Enabled"] = "true",
    ["Mattermost__Url"] = mattermostUrl,
    ["Mattermost__AdminToken"] = mattermost.AdminToken,
    ["Mattermost__Schedule"] = "",
    ["Mattermost__Concurrency"] = "4",
    ["Logging__LogLevel__Default"] = "Warning",
    ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
};

// The first instance applies the migrations; the bench's own services (never started) queue messages and read runs.
var instances = new List<PortalInstance> { await PortalInstance.StartAsync(portalDll, Settings()) };
var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
{
    ["Database:Provider"] = "Postgres",
    ["Database:ConnectionString"] = connectionString,
    ["Database:DataFolder"] = folder,
}).Build();
await using var provider = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration).AddInfrastructure(configuration).BuildServiceProvider();
var contexts = provider.GetRequiredService<IDbContextFactory<SwitchboardDbContext>>();

async Task UseInstancesAsync(int count)
{
    while (instances.Count < count)
    {
        instances.Add(await PortalInstance.StartAsync(portalDll, Settings()));
    }

    while (instances.Count > count)
    {
        await instances[^1].DisposeAsync();
        instances.RemoveAt(instances.Count - 1);
    }
}

async Task<(double Rate, int Twice, double CpuPerMessage)> DeliverAsync(int round, int count)
{
    await UseInstancesAsync(count);
    var tag = $"r{round}i{count}";
    await using (var db = await contexts.CreateDbContextAsync())
    {
        // Queued for later, then all made due at once: both instances find the same backlog.
        var later = DateTime.UtcNow.AddHours(1);
        db.OutboxMessages.AddRange(Enumerable.Range(0, messages).Select(i => OutboxMessage.Queue(1, 1, "bench:instances", NotificationLevel.Info,
            $"user{i:D5}@example.test", $"user{i:D5}", $"{tag} message {i}", $"<p>Hello {i}, this is {tag}.</p>", $"Hello {i}, this is {tag}.", later)));
        await db.SaveChangesAsync();
    }

    sink.Reset();
    var cpu = instances.Aggregate(TimeSpan.Zero, (sum, i) => sum + i.Cpu);
    await using (var db = await contexts.CreateDbContextAsync())
    {
        var now = DateTime.UtcNow;
        await db.OutboxMessages.Where(m => m.Subject.StartsWith(tag + " ")).ExecuteUpdateAsync(set => set.SetProperty(m => m.NextAttemptAt, now));
    }

    var waiting = Stopwatch.StartNew();
    while (sink.Distinct < messages)
    {
        if (waiting.Elapsed > TimeSpan.FromMinutes(10))
        {
            throw new TimeoutException($"{sink.Distinct} of {messages} messages arrived in 10 minutes.");
        }

        await Task.Delay(20);
    }

    // Anything sent twice would arrive after the last new one: wait until every message is recorded as sent.
    while (true)
    {
        await using var db = await contexts.CreateDbContextAsync();
        if (!await db.OutboxMessages.AnyAsync(m => m.Subject.StartsWith(tag + " ") && m.Status != MessageStatus.Sent))
        {
            break;
        }

        await Task.Delay(100);
    }

    var used = instances.Aggregate(TimeSpan.Zero, (sum, i) => sum + i.Cpu) - cpu;
    return (messages / sink.Span.TotalSeconds, sink.Twice, used.TotalMicroseconds / messages);
}

async Task<(TimeSpan Failover, int HoldingTwo)> FailoverAsync(int round)
{
    await UseInstancesAsync(2);
    const int People = 100;
    var tag = $"fo{round}x";
    var users = Enumerable.Range(0, People).Select(i => mattermost.AddUser($"{tag}{i:D3}", $"{tag}{i:D3}@example.test")).ToList();
    await provider.GetRequiredService<DirectoryWriter>().UpsertAsync(
        [.. users.Select(u => new PersonDraft { Username = u.Username, Email = u.Email, MattermostSyncEnabled = true })], CancellationToken.None);
    var store = provider.GetRequiredService<JobStore>();
    await store.RequestRunAsync(TokenRegenerationJob.Name, "bench", CancellationToken.None);
    JobRun? running = null;
    while (running is null)
    {
        await using var db = await contexts.CreateDbContextAsync();
        running = await db.JobRuns.AsNoTracking().SingleOrDefaultAsync(r => r.JobName == TokenRegenerationJob.Name && r.Outcome == JobRunOutcome.Running);
        await Task.Delay(running is null ? 50 : 1_000); // let the run get under way
    }

    var victim = instances.Single(i => i.Name == running.Instance);
    var killedAt = DateTime.UtcNow;
    await victim.KillAsync();
    instances.Remove(victim);
    await victim.DisposeAsync();
    JobRun? takeover = null;
    while (takeover is null)
    {
        await using var db = await contexts.CreateDbContextAsync();
        takeover = await db.JobRuns.AsNoTracking().FirstOrDefaultAsync(r => r.JobName == TokenRegenerationJob.Name && r.Id > running.Id);
        await Task.Delay(20);
    }

    while (true)
    {
        await using var db = await contexts.CreateDbContextAsync();
        if (await db.JobRuns.AnyAsync(r => r.Id == takeover.Id && r.Outcome != JobRunOutcome.Running))
        {
            break;
        }

        await Task.Delay(100);
    }

    var ids = users.Select(u => u.Id).ToHashSet();
    var holdingTwo = mattermost.Tokens.Where(t => ids.Contains(t.UserId)).GroupBy(t => t.UserId).Count(g => g.Count() > 1);
    return (takeover.StartedAt - killedAt, holdingTwo);
}

Console.WriteLine($"Several instances on one PostgreSQL database: {messages:N0} messages per delivery round, {rounds} rounds; "
    + $"the sink accepts each message in {accept.TotalMilliseconds:0} ms; Jobs:CoordinationInterval {coordination.TotalSeconds:0} s; {Environment.ProcessorCount} cores");
var one = new List<double>();
var two = new List<double>();
var failovers = new List<TimeSpan>();
var twice = 0;
var holding = 0;
try
{
    for (var round = 1; round <= rounds; round++)
    {
        var (single, singleTwice, singleCpu) = await DeliverAsync(round, 1);
        var (pair, pairTwice, pairCpu) = await DeliverAsync(round, 2);
        var (failover, holdingTwo) = await FailoverAsync(round);
        one.Add(single);
        two.Add(pair);
        failovers.Add(failover);
        twice += singleTwice + pairTwice;
        holding += holdingTwo;
        Console.WriteLine($"round {round}: one instance {single:N0} msg/s ({singleCpu:N0} µs CPU/msg), two instances {pair:N0} msg/s ({pairCpu:N0} µs CPU/msg, "
            + $"both together) ({pair / single:0.00}x); load {File.ReadAllText("/proc/loadavg").Split(' ')[0]}; "
            + $"messages twice {singleTwice + pairTwice}; failover {failover.TotalSeconds:0.0} s; people holding two tokens {holdingTwo}");
    }
}
finally
{
    foreach (var instance in instances)
    {
        await instance.DisposeAsync();
    }
}

static double Median(IEnumerable<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}

var (oneMedian, twoMedian, failoverMedian) = (Median(one), Median(two), Median(failovers.Select(f => f.TotalSeconds)));
Console.WriteLine($"median: one instance {oneMedian:N0} msg/s, two instances {twoMedian:N0} msg/s: {twoMedian / oneMedian:0.00}x (goal >= 1.70x) "
    + $"{(twoMedian / oneMedian >= 1.7 ? "MET" : "NOT MET")}");
Console.WriteLine($"messages delivered twice: {twice} (goal 0) {(twice == 0 ? "MET" : "NOT MET")}; people holding two tokens after a failover: {holding}");
Console.WriteLine($"median failover: {failoverMedian:0.0} s (goal <= {coordination.TotalSeconds + 5:0} s) {(failoverMedian <= coordination.TotalSeconds + 5 ? "MET" : "NOT MET")}; "
    + $"each: {string.Join(", ", failovers.Select(f => $"{f.TotalSeconds:0.0} s"))}");

await using (var connection = new NpgsqlConnection(server))
{
    await connection.OpenAsync();
    await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", connection);
    await drop.ExecuteNonQueryAsync();
}

if (Directory.Exists(folder))
{
    Directory.Delete(folder, recursive: true);
}

static string FindRoot()
{
    var folder = AppContext.BaseDirectory;
    while (!File.Exists(Path.Combine(folder, "Switchboard.slnx")))
    {
        folder = Path.GetDirectoryName(folder) ?? throw new InvalidOperationException("Run the bench inside the repository.");
    }

    return folder;
}
