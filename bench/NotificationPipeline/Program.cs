// Measures ingest → evaluation → outbox end to end: 200 configurations, a 10,000-person directory, 10% of events
// firing, events posted to POST /api/events in batches of 1,000 through the portal's real HTTP pipeline (in-process
// test server), until every event is evaluated and every message is in the outbox. Memory is read after a full
// collection at every 10% of the events. Each round is a fresh portal on a fresh database: SQLite, PostgreSQL (a
// throw-away cluster) or, round by round, both (--provider sqlite|postgres|both); every round runs with directory sync
// from the identity events off and on (--sync off|on|both, both by default: the clock stops when every event is also
// applied to the directory); the medians close the run.
// Run: dotnet run -c Release --project bench/NotificationPipeline [-- <events> [rounds] [--stages] [--provider sqlite|postgres|both] [--sync off|on|both]]
using System.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Bench;
using Switchboard.Bench.Shared;
using Switchboard.Domain.ApiKeys;
using Switchboard.Domain.Notifications;
using Switchboard.Domain.Notifications.Templates;
using Switchboard.Domain.People;
using Switchboard.Infrastructure.ApiKeys;
using Switchboard.Infrastructure.Email;
using Switchboard.Infrastructure.Jobs;
using Switchboard.Infrastructure.Notifications;
using Switchboard.Infrastructure.People;
using Switchboard.Infrastructure.Persistence;

var syncAt = Array.IndexOf(args, "--sync");
var syncModes = (syncAt < 0 ? "both" : args[syncAt + 1]) switch
{
    "off" => new[] { false },
    "on" => [true],
    "both" => [false, true],
    var other => throw new ArgumentException($"--sync takes off, on or both, not '{other}'."),
};
var (providers, rest) = BenchDatabase.Parse(args.Where((a, i) => a != "--stages" && (syncAt < 0 || (i != syncAt && i != syncAt + 1))).ToArray());
var totalEvents = rest.Length > 0 ? int.Parse(rest[0], System.Globalization.CultureInfo.InvariantCulture) : 200_000;
var rounds = rest.Length > 1 ? int.Parse(rest[1], System.Globalization.CultureInfo.InvariantCulture) : 1;
var stages = args.Contains("--stages");

// The test host looks for the portal's content root by its assembly name; point it at the project folder.
Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_SWITCHBOARD_PORTAL", Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../src/Portal")));
var databases = new List<BenchDatabase>();
foreach (var provider in providers)
{
    databases.Add(await BenchDatabase.StartAsync(provider));
}

var rates = databases.SelectMany(d => syncModes.Select(sync => (d.Provider, Sync: sync)))
    .ToDictionary(k => k, _ => (EndToEnd: new List<double>(), Stored: new List<double>()));
try
{
    for (var round = 1; round <= rounds; round++)
    {
        foreach (var database in databases)
        {
            foreach (var sync in syncModes)
            {
                Console.WriteLine($"Round {round} ({database.Provider}, directory sync {(sync ? "on" : "off")}):");
                var (endToEnd, stored) = await RunAsync(database, totalEvents, stages, sync);
                rates[(database.Provider, sync)].EndToEnd.Add(endToEnd);
                rates[(database.Provider, sync)].Stored.Add(stored);
            }
        }
    }
}
finally
{
    foreach (var database in databases)
    {
        await database.DisposeAsync();
    }
}

foreach (var ((provider, sync), (endToEnd, stored)) in rates)
{
    Console.WriteLine($"Median of {rounds} round(s) of {totalEvents:N0} events ({provider}, directory sync {(sync ? "on" : "off")}): end to end {BenchDatabase.Median(endToEnd):N0} events/s · "
        + $"stored by POST /api/events {BenchDatabase.Median(stored):N0} events/s");
}

static async Task<(double EndToEnd, double Stored)> RunAsync(BenchDatabase database, int totalEvents, bool stages, bool sync)
{
    const int People = 10_000;
    const int Configurations = 200;
    const int Batch = 1_000;
    var (configure, drop) = database.Fresh();
    var portal = new WebApplicationFactory<Switchboard.Portal.Components.PortalComponentBase>().WithWebHostBuilder(b => configure(b
        .UseEnvironment("Development")
        .UseSetting("DemoData:Enabled", "false")
        .UseSetting("People:SyncFromIdentityEvents", sync ? "true" : "false")
        .UseSetting("Logging:LogLevel:Default", "Warning")));
    try
    {
        var services = portal.Services;
        var contexts = services.GetRequiredService<IDbContextFactory<SwitchboardDbContext>>();

        // The directory: 10,000 people, a manager for every 50.
        var writer = services.GetRequiredService<DirectoryWriter>();
        await BenchDirectory.SeedAsync(writer, People, i => $"user{i:D5}");

        // 200 configurations on IdmIdentity UPDATE: one fires on VALID→LEFT (to the manager); 199 watch attributes the events do not change.
        await using (var db = await contexts.CreateDbContextAsync())
        {
            var topic = Topic.Create("bench:left", null, new EmailTemplate("{{ identity.fullName }} left", "<p>{{ identity.fullName }}: {{ changed | join: ', ' }}</p>",
                "Hello {{ recipient.name }}, {{ identity.fullName }} is now {{ after.attributes.state }}."));
            db.Topics.Add(topic);
            db.NotificationConfigurations.Add(NotificationConfiguration.Create(new NotificationConfigurationDraft
            {
                EntityType = "IdmIdentity",
                EventType = "UPDATE",
                Rule = "state:VALID->LEFT",
                Topic = topic.Code,
                SendToManager = true,
            }, topic));
            for (var i = 1; i < Configurations; i++)
            {
                db.NotificationConfigurations.Add(NotificationConfiguration.Create(new NotificationConfigurationDraft
                {
                    EntityType = "IdmIdentity",
                    EventType = "UPDATE",
                    Rule = i % 2 == 0 ? $"attribute{i}:CHANGED" : $"EAV:code{i}:100->200",
                    Topic = topic.Code,
                    SendToIdentity = true,
                }, topic));
            }

            await db.SaveChangesAsync();
        }

        var admin = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
            [new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.Name, "bench"), new System.Security.Claims.Claim(Switchboard.Infrastructure.Access.PortalClaims.Role, "Admin")], "bench"));

        // Pause and Resume as an admin does, stored: a pause kept only in the job's memory is undone when the job next
        // reads the stored state, and the senders then delivered (and took the write lock) during the measurement.
        async Task SetPausedAsync(string job, bool paused)
        {
            await using var scope = services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<BackgroundJobsService>().SetPausedAsync(admin, job, paused, CancellationToken.None);
        }

        // Delivery is another bench: the senders stay paused so the outbox only fills.
        await SetPausedAsync(OutboxSenderJob.Name, true);
        await SetPausedAsync(Switchboard.Infrastructure.Mattermost.MattermostSenderJob.Name, true);
        string secret;
        await using (var scope = services.CreateAsyncScope())
        {
            secret = (await scope.ServiceProvider.GetRequiredService<Switchboard.Infrastructure.ApiKeys.ApiKeyService>().CreateAsync(
                admin, new() { Name = "bench", Scopes = [ApiKeyScopes.EventsWrite] }, CancellationToken.None)).Secret;
        }

        var client = portal.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", secret);
        var random = new Random(42);
        object Event(int n)
        {
            var fires = n % 10 == 0;
            return new
            {
                id = $"bench-{n}",
                entityType = "IdmIdentity",
                eventType = "UPDATE",
                entityId = $"guid-{n}",
                identity = $"user{random.Next(People):D5}",
                before = new { attributes = new { state = "VALID", firstName = "A" }, eav = new { clinicCode = "1" } },
                after = new { attributes = new { state = fires ? "LEFT" : "VALID", firstName = "B" }, eav = new { clinicCode = "2" } },
            };
        }

        // The sender's cost is not the portal's: batches are serialized before the clock starts.
        var batches = Enumerable.Range(0, totalEvents / Batch)
            .Select(b => System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(Enumerable.Range(b * Batch, Batch).Select(Event).ToList()))
            .ToList();
        var evaluation = services.GetRequiredService<JobRegistry>().Find(NotificationEvaluationJob.Name)!;
        if (stages)
        {
            await SetPausedAsync(NotificationEvaluationJob.Name, true);
        }
        Console.WriteLine($"Directory {People:N0} people, {Configurations} configurations; posting {totalEvents:N0} events in batches of {Batch:N0}"
            + (stages ? ", then evaluating them." : ", evaluated while they arrive."));
        GC.Collect();
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        var clock = Stopwatch.StartNew();
        double postingDone = 0;
        var posted = 0;
        var memory = new List<(int Evaluated, long Bytes)>();
        var checkpoint = totalEvents / 10;
        var poster = Task.Run(async () =>
        {
            foreach (var batch in batches)
            {
                using var content = new ByteArrayContent(batch);
                content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
                (await client.PostAsync("/api/events", content)).EnsureSuccessStatusCode();
                Interlocked.Add(ref posted, Batch);
            }

            postingDone = clock.Elapsed.TotalSeconds;
        });

        if (stages)
        {
            await poster;
            await SetPausedAsync(NotificationEvaluationJob.Name, false);
            evaluation.RequestRun();
        }

        var evaluated = 0;
        while (evaluated < totalEvents)
        {
            await Task.Delay(100);
            // Counts what still waits, through the partial indexes of waiting events: counting what is done read the whole
            // table ten times a second, on the cores the portal is measured on.
            var stored = Volatile.Read(ref posted);
            await using var db = await contexts.CreateDbContextAsync();
            var waiting = await db.EntityEvents.CountAsync(e => !e.Evaluated)
                + (sync ? await db.EntityEvents.CountAsync(e => e.DirectorySync == Switchboard.Domain.Events.DirectorySyncState.Pending) : 0);
            evaluated = stored - waiting;
            if (evaluated >= checkpoint * (memory.Count + 1))
            {
                memory.Add((evaluated, GC.GetTotalMemory(forceFullCollection: true) - baseline));
            }
        }

        var elapsed = clock.Elapsed.TotalSeconds;
        await poster;
        await using (var db = await contexts.CreateDbContextAsync())
        {
            var messages = await db.OutboxMessages.CountAsync();
            Console.WriteLine($"Posted in {postingDone:F1} s ({totalEvents / postingDone:N0} events/s stored).");
            if (stages)
            {
                Console.WriteLine($"Evaluated alone in {elapsed - postingDone:F1} s ({totalEvents / (elapsed - postingDone):N0} events/s).");
            }

            Console.WriteLine($"End to end: {totalEvents:N0} events evaluated{(sync ? " and applied to the directory" : "")}, {messages:N0} messages queued in {elapsed:F1} s = {totalEvents / elapsed:N0} events/s.");
            if (sync)
            {
                var states = await db.EntityEvents.GroupBy(e => e.DirectorySync).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
                Console.WriteLine($"Directory sync: {string.Join(", ", states.Select(s => $"{s.Key} {s.Count:N0}"))}.");
            }
        }

        Console.WriteLine("Managed memory above the start (after a full collection), by events evaluated:");
        foreach (var (count, bytes) in memory)
        {
            Console.WriteLine($"  {count,8:N0}: {bytes / 1024.0 / 1024.0,7:F1} MB");
        }

        return (totalEvents / elapsed, totalEvents / postingDone);
    }
    finally
    {
        await portal.DisposeAsync();
        await drop();
    }
}
