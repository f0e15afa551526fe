// A year of data: a fresh SQLite database (the portal's migrations) filled with 10,000,000 identity events, 1,000,000
// delivered messages, 1,000,000 audit entries, 1,000,000 provisioning envelopes, 100,000 people, 12,096,000 listener
// checks (200 deployments every 10 s for a week, with their hourly counts), 100,000 ChatOps calls, a token run a day
// and 30 days of job runs; then every list page's first render timed server-side through the services the pages call
// (bounded counts included): median and slowest of the runs after one warm-up, goal < 100 ms each.
//
// Run:   dotnet build Switchboard.slnx -c Release && dotnet run -c Release --no-build --project bench/YearOfData -- [--scale 0.1] [--runs 7] [--folder DIR] [--fill-only] [--sql]
//   --scale  fraction of the full year's row counts (0.1: a tenth, to try it first); listener deployments scale too (200 at 1).
//   --folder keeps the filled database in DIR (filled when DIR has none, reused as is when it has one) instead of a temp
//            folder deleted at the end: fill once, then time again after a query or index change.
//   --fill-only  fills DIR (needs --folder) and ends without timing: for bench/PortalFootprint's `live --year-of-data DIR`.
//   --sql    prints the SQL each query runs (EF's command log) during its warm-up, for EXPLAIN QUERY PLAN.
//   --only   times only the queries whose "page: query" contains this text.
// The full scale needs about 10 GB of disk in the temp folder and a few minutes per 10 million rows to fill.
using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Bench;
using Switchboard.Bench.YearOfData;
using Switchboard.Domain;
using Switchboard.Domain.ChatOps;
using Switchboard.Domain.Notifications;
using Switchboard.Infrastructure.Audit;
using Switchboard.Infrastructure.ChatOps;
using Switchboard.Infrastructure.Dashboard;
using Switchboard.Infrastructure.Incidents;
using Switchboard.Infrastructure.Jobs;
using Switchboard.Infrastructure.Listeners;
using Switchboard.Infrastructure.Mattermost;
using Switchboard.Infrastructure.Notifications;
using Switchboard.Infrastructure.People;
using Switchboard.Infrastructure.Persistence;
using Switchboard.Infrastructure.Provisioning;
using Switchboard.Infrastructure.Search;

var inv = CultureInfo.InvariantCulture;
string? Option(string name) => Array.IndexOf(args, name) is var at and >= 0 && at + 1 < args.Length ? args[at + 1] : null;
var scale = double.Parse(Option("--scale") ?? "1", inv);
var runs = int.Parse(Option("--runs") ?? "7", inv);
var showSql = args.Contains("--sql");
var only = Option("--only");
var keep = Option("--folder") is not null;
var fillOnly = args.Contains("--fill-only");
if (fillOnly && !keep)
{
    Console.Error.WriteLine("--fill-only needs --folder DIR (a temp folder would be deleted at the end).");
    return 1;
}

var folder = Path.GetFullPath(Option("--folder") ?? Path.Combine(Path.GetTempPath(), $"switchboard-bench-year-{Guid.NewGuid():N}"));
var database = Path.Combine(folder, YearOfDataFolder.DatabaseFile);
Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_SWITCHBOARD_PORTAL", Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../src/Portal")));
Console.WriteLine($"machine: {File.ReadAllText("/proc/loadavg").Trim()} (load 1/5/15 min), {Environment.ProcessorCount} cores; database in {folder}");

var fillTime = TimeSpan.Zero;
DateTime now;
YearFiller filler;
if (YearOfDataFolder.Open(folder) is { } filled)
{
    (now, scale) = (filled.FilledAt, filled.Scale);
    Console.WriteLine($"reusing the database filled at {now:u} (scale {scale})");
    await using var connection = new SqliteConnection($"Data Source={database}");
    filler = new YearFiller(connection, scale, now);
}
else
{
    Directory.CreateDirectory(folder);
    await using (var migrating = Portal(folder, TimeSpan.Zero, 0, showSql: false))
    {
        await MigratedAsync(migrating);
    }

    SqliteConnection.ClearAllPools();
    now = DateTime.UtcNow;
    var fill = Stopwatch.StartNew();
    await using (var connection = new SqliteConnection($"Data Source={database};Pooling=False"))
    {
        connection.Open();
        filler = new YearFiller(connection, scale, now);
        filler.FillAll((table, rows, took) => Console.WriteLine($"  {table,-50} {rows,12:N0} rows {took.TotalSeconds,8:F1} s"));
    }

    fillTime = fill.Elapsed;
    await YearOfDataFolder.MarkFilledAsync(folder, now, scale);
}

var size = new DirectoryInfo(folder).GetFiles("switchboard.db*").Sum(f => f.Length) / 1024.0 / 1024 / 1024;
Console.WriteLine($"scale {scale}: {filler.People:N0} people, {filler.Events:N0} events, {filler.Messages:N0} messages, {filler.AuditEntries:N0} audit entries, " +
    $"{filler.Envelopes:N0} envelopes, {filler.Checks:N0} listener checks ({filler.Deployments} deployments), {filler.Calls:N0} ChatOps calls");
Console.WriteLine($"fill {(fillTime == TimeSpan.Zero ? "reused" : $"{fillTime.TotalMinutes:F1} min")}, database {size:F2} GB");
if (fillOnly)
{
    return 0;
}

var behind = DateTime.UtcNow - now;
await using var portal = Portal(folder, behind, filler.Deployments, showSql);
var services = portal.Services;
var migration = Stopwatch.StartNew();
await MigratedAsync(portal); // a database filled before a new migration gets it now (its indexes built over the filled rows)
await using (var db = await services.GetRequiredService<IDbContextFactory<SwitchboardDbContext>>().CreateDbContextAsync())
{
    var version = await db.Database.SqlQueryRaw<string>("SELECT sqlite_version() AS \"Value\"").SingleAsync();
    Console.WriteLine($"SQLite {version}; portal started and migrated in {migration.Elapsed.TotalSeconds:F1} s");
}

await using var scope = services.CreateAsyncScope();
var sp = scope.ServiceProvider;
T S<T>() where T : notnull => sp.GetRequiredService<T>();
var none = CancellationToken.None;
var busiest = YearFiller.Username(YearFiller.BusiestPerson);
var someone = 1 + (filler.People / 10); // among the first fifth, who have four in five rows
var somebody = YearFiller.Username(someone);
var deployment = YearOfDataFolder.Deployment(Math.Min(5, filler.Deployments - 1)); // the one down half an hour a day

static string Rows<T>(Paged<T> page) => $"{page.Items.Count} of {page.TotalCount:N0}{(page.TotalIsAtLeast ? "+" : "")}";

var cases = new (string Page, string Query, Func<Task<string>> Run)[]
{
    ("Events", "events, first page", async () => Rows(await S<ReceivedEventsService>().EventsAsync(0, 25, none))),
    ("Events", "rejected events", async () => Rows(await S<ReceivedEventsService>().RejectedEventsAsync(0, 25, none))),
    ("Delivery log", "topics (filter list)", async () => $"{(await S<NotificationTopicsService>().TopicsAsync(none)).Count} topics"),
    ("Delivery log", "unfiltered", async () => Rows(await S<DeliveryLogService>().MessagesAsync(new MessageFilter(), 0, 25, none))),
    ("Delivery log", "status Dead", async () => Rows(await S<DeliveryLogService>().MessagesAsync(new MessageFilter(MessageStatus.Dead), 0, 25, none))),
    ("Delivery log", "topic", async () => Rows(await S<DeliveryLogService>().MessagesAsync(new MessageFilter(Topic: "topic-3"), 0, 25, none))),
    ("Delivery log", "status Dead + topic", async () => Rows(await S<DeliveryLogService>().MessagesAsync(new MessageFilter(MessageStatus.Dead, "topic-3"), 0, 25, none))),
    ("Delivery log", "recipient (start of address)", async () => Rows(await S<DeliveryLogService>().MessagesAsync(new MessageFilter(Recipient: somebody), 0, 25, none))),
    ("Audit", "actions (filter list)", async () => $"{(await S<AuditService>().ActionsAsync(none)).Count} actions"),
    ("Audit", "unfiltered", async () => Rows(await S<AuditService>().QueryAsync(new AuditFilter(), 0, 25, none))),
    ("Audit", "by user", async () => Rows(await S<AuditService>().QueryAsync(new AuditFilter(Actor: "admin07"), 0, 25, none))),
    ("Audit", "by action", async () => Rows(await S<AuditService>().QueryAsync(new AuditFilter(Action: "person.updated"), 0, 25, none))),
    ("Audit", "excluding sign-ins and API calls", async () => Rows(await S<AuditService>().QueryAsync(new AuditFilter(Exclude: ["auth.sign-in", "api.call"]), 0, 25, none))),
    ("Audit", "one object (person)", async () => Rows(await S<AuditService>().QueryAsync(new AuditFilter(ObjectType: "person", ObjectId: busiest), 0, 25, none))),
    ("ChatOps log", "bridges with 30-day counts", async () => $"{(await S<ChatOpsService>().BridgesAsync(none)).Count} bridges"),
    ("ChatOps log", "unfiltered", async () => Rows(await S<ChatOpsService>().CallsAsync(new CallFilter(), 0, 25, none))),
    ("ChatOps log", "status Failed", async () => Rows(await S<ChatOpsService>().CallsAsync(new CallFilter(Status: CallStatus.Failed), 0, 25, none))),
    ("ChatOps log", "by user", async () => Rows(await S<ChatOpsService>().CallsAsync(new CallFilter(User: busiest), 0, 25, none))),
    ("Provisioning errors", "routing keys (filter list)", async () => $"{(await S<ProvisioningService>().RoutingKeysAsync(none)).Count} keys"),
    ("Provisioning errors", "failure groups", async () => $"{(await S<ProvisioningService>().GroupsAsync(onlyOpen: false, none)).Count} groups"),
    ("Provisioning errors", "open envelopes (default)", async () => Rows(await S<ProvisioningService>().EnvelopesAsync(new EnvelopeFilter(), 0, 50, none))),
    ("Provisioning errors", "one group, open", async () => Rows(await S<ProvisioningService>().EnvelopesAsync(new EnvelopeFilter(GroupId: 7), 0, 50, none))),
    ("Exchange Listeners", "overview (uptime, heartbeats)", async () => $"{(await S<ListenersService>().DeploymentsAsync(none)).Count} deployments"),
    ("Listener page", "deployment (uptime, heartbeat)", async () => (await S<ListenersService>().DeploymentAsync(deployment, none))?.State.ToString() ?? "missing"),
    ("Listener page", "last day chart", async () => $"{(await S<ListenersService>().LastDayAsync(deployment, none)).Buckets.Count} buckets"),
    ("Listener page", "checks, first page", async () => Rows(await S<ListenersService>().ChecksAsync(deployment, 0, 25, none))),
    ("Mattermost tokens", "status", async () => (await S<MattermostTokensService>().StatusAsync(none)).GetType().Name),
    ("Mattermost tokens", "runs", async () => Rows(await S<MattermostTokensService>().RunsAsync(0, 10, none))),
    ("Mattermost tokens", "people with sync", async () => Rows(await S<MattermostTokensService>().PeopleAsync(null, 0, 25, none))),
    ("Mattermost tokens", "people with a token", async () => Rows(await S<MattermostTokensService>().PeopleAsync(true, 0, 25, none))),
    ("People", "filter options", async () => (await S<PeopleService>().FilterOptionsAsync(none)).GetType().Name),
    ("People", "unfiltered", async () => Rows(await S<PeopleService>().SearchAsync(new PeopleQuery(), 0, 50, none))),
    ("People", "search text", async () => Rows(await S<PeopleService>().SearchAsync(new PeopleQuery(Query: "user0123"), 0, 50, none))),
    ("Background jobs", "a job's runs (every 15 s)", async () => Rows((await S<BackgroundJobsService>().RunsAsync("chatops-retry", 0, 25, none))!)),
    ("Person", "timeline, busiest person", async () => $"{(await S<PersonTimelineService>().PageAsync(busiest, null, null, 25, none)).Entries.Count} entries"),
    ("Person", "timeline, a person", async () => $"{(await S<PersonTimelineService>().PageAsync(somebody, null, null, 25, none)).Entries.Count} entries"),
    ("Search box", "username", async () => $"{(await S<PortalSearch>().SearchAsync(somebody, 5, none)).Count} hits"),
    ("Search box", "e-mail", async () => $"{(await S<PortalSearch>().SearchAsync(YearFiller.Email(someone), 5, none)).Count} hits"),
    ("Search box", "GrAM UUID", async () => $"{(await S<PortalSearch>().SearchAsync(YearFiller.GramUuid(someone), 5, none)).Count} hits"),
    ("Dashboard", "summary", async () => (await S<DashboardService>().GetAsync(none)).GetType().Name),
    ("Dashboard", "provisioning summary", async () => (await S<ProvisioningService>().SummaryAsync(none)).GetType().Name),
    ("Dashboard", "ChatOps summary", async () => (await S<ChatOpsService>().SummaryAsync(none)).GetType().Name),
    ("Incident strip (every page)", "open incidents (uncached)", async () =>
    {
        using var reader = new IncidentReader(S<IDbContextFactory<SwitchboardDbContext>>(), S<JobRegistry>(), S<TimeProvider>());
        return (await reader.ReadAsync(none)).GetType().Name;
    }),
};

Console.WriteLine();
Console.WriteLine($"| {"page",-28} | {"query",-34} | {"result",-22} | {"median ms",9} | {"max ms",8} | goal |");
Console.WriteLine($"|{new string('-', 30)}|{new string('-', 36)}|{new string('-', 24)}|{new string('-', 11)}|{new string('-', 10)}|------|");
var missed = 0;
foreach (var (page, query, run) in cases.Where(c => only is null || $"{c.Page}: {c.Query}".Contains(only, StringComparison.OrdinalIgnoreCase)))
{
    if (showSql)
    {
        Console.WriteLine($"--- {page}: {query}");
    }

    string result;
    try
    {
        result = await run();
    }
    catch (Exception e)
    {
        Console.WriteLine($"| {page,-28} | {query,-34} | failed: {e.GetType().Name}: {e.Message}");
        missed++;
        continue;
    }

    var times = new List<double>();
    for (var i = 0; i < runs; i++)
    {
        var timer = Stopwatch.StartNew();
        await run();
        times.Add(timer.Elapsed.TotalMilliseconds);
    }

    var median = BenchDatabase.Median(times);
    missed += median < 100 ? 0 : 1;
    Console.WriteLine($"| {page,-28} | {query,-34} | {result,-22} | {median,9:F1} | {times.Max(),8:F1} | {(median < 100 ? "ok" : "MISS"),-4} |");
}

Console.WriteLine();
Console.WriteLine($"{cases.Length - missed} of {cases.Length} queries under 100 ms (median of {runs} runs after one warm-up); machine now: {File.ReadAllText("/proc/loadavg").Trim()}");
await portal.DisposeAsync();
SqliteConnection.ClearAllPools();
if (!keep)
{
    Directory.Delete(folder, recursive: true);
}

return 0;

// The migrator runs as the portal starts; the fill and the timings wait until no migration is pending.
static async Task MigratedAsync(WebApplicationFactory<Switchboard.Portal.Components.PortalComponentBase> portal)
{
    var contexts = portal.Services.GetRequiredService<IDbContextFactory<SwitchboardDbContext>>();
    while (true)
    {
        await using var db = await contexts.CreateDbContextAsync();
        if (!(await db.Database.GetPendingMigrationsAsync()).Any() && (await db.Database.GetAppliedMigrationsAsync()).Any())
        {
            return;
        }

        await Task.Delay(500);
    }
}

static WebApplicationFactory<Switchboard.Portal.Components.PortalComponentBase> Portal(string folder, TimeSpan behind, int deployments, bool showSql) =>
    new WebApplicationFactory<Switchboard.Portal.Components.PortalComponentBase>().WithWebHostBuilder(b =>
    {
        b.UseEnvironment("Development")
            .UseSetting("Logging:LogLevel:Default", "Warning")
            .UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore.Query", "Error") // the bounded counts' Take without OrderBy, on purpose
            .UseSetting("Jobs:DatabaseMaintenance:Interval", "00:00:00"); // no maintenance run (WAL checkpoint, planner statistics, clean-up) amid the timings; Run now only
        if (showSql)
        {
            b.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command", "Information");
        }

        // The database, no demo data, and the deployments the filled checks are about (the overview lists the configured
        // ones). The monitor (a continuous job, not pausable) keeps probing them every 10 s as a live portal would.
        foreach (var (key, value) in YearOfDataFolder.PortalSettings(folder, deployments))
        {
            b.UseSetting(key, value);
        }

        b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(new ShiftedClock(behind)));
    });
