// Measures the configuration editor's backtest: 1,000,000 stored identity events (all within the last 7 days; 10% go
// VALID→LEFT, 10% VALID→SUSPENDED, every one changes firstName and an EAV), a 10,000-person directory, and a saved
// configuration "state:VALID->LEFT" to the manager edited into "state:CHANGED" (twice the fires): the time of
// BacktestService.RunAsync over 7 days, three runs on the same database, median. The events are written by one
// INSERT … SELECT in the database (the ingest API has its own bench), already evaluated and synced.
// Run: dotnet run -c Release --project bench/Backtest [-- <events> [runs]] [--provider sqlite|postgres|both]
using System.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Bench;
using Switchboard.Bench.Shared;
using Switchboard.Domain.Notifications;
using Switchboard.Domain.Notifications.Templates;
using Switchboard.Domain.People;
using Switchboard.Infrastructure.Notifications;
using Switchboard.Infrastructure.People;
using Switchboard.Infrastructure.Persistence;

var (providers, rest) = BenchDatabase.Parse(args);
var totalEvents = rest.Length > 0 ? int.Parse(rest[0], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000;
var runs = rest.Length > 1 ? int.Parse(rest[1], System.Globalization.CultureInfo.InvariantCulture) : 3;

// The test host looks for the portal's content root by its assembly name; point it at the project folder.
Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_SWITCHBOARD_PORTAL", Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../src/Portal")));
var medians = new Dictionary<string, double>();
foreach (var provider in providers)
{
    await using var database = await BenchDatabase.StartAsync(provider);
    medians[provider] = await RunAsync(database, totalEvents, runs);
}

foreach (var (provider, median) in medians)
{
    Console.WriteLine($"Median of {runs} backtest(s) over {totalEvents:N0} events ({provider}): {median:F2} s");
}

static async Task<double> RunAsync(BenchDatabase database, int totalEvents, int runs)
{
    const int People = 10_000;
    var (configure, drop) = database.Fresh();
    var portal = new WebApplicationFactory<Switchboard.Portal.Components.PortalComponentBase>().WithWebHostBuilder(b => configure(b
        .UseEnvironment("Development")
        .UseSetting("DemoData:Enabled", "false")
        .UseSetting("People:SyncFromIdentityEvents", "false")
        .UseSetting("Logging:LogLevel:Default", "Warning")));
    try
    {
        var services = portal.Services;
        var contexts = services.GetRequiredService<IDbContextFactory<SwitchboardDbContext>>();
        var writer = services.GetRequiredService<DirectoryWriter>();
        await BenchDirectory.SeedAsync(writer, People, i => $"user{i}");

        var saved = new NotificationConfigurationDraft
        {
            EntityType = "IdmIdentity",
            EventType = "UPDATE",
            Rule = "state:VALID->LEFT",
            Topic = "bench:left",
            SendToManager = true,
        };
        int savedId;
        var fill = Stopwatch.StartNew();
        await using (var db = await contexts.CreateDbContextAsync())
        {
            var topic = db.Topics.Add(Topic.Create("bench:left", null, new EmailTemplate("{{ identity.fullName }} left", "<p>left</p>", "left"))).Entity;
            var configuration = db.NotificationConfigurations.Add(NotificationConfiguration.Create(saved, topic)).Entity;
            await db.SaveChangesAsync();
            savedId = configuration.Id;
            var numbers = db.Database.IsNpgsql()
                ? "SELECT i FROM generate_series(1, @count) AS s(i)"
                : "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < @count) SELECT i FROM n";
            await db.Database.OpenConnectionAsync();
            await using var insert = db.Database.GetDbConnection().CreateCommand();
            insert.CommandTimeout = 600;
            insert.CommandText = $$$"""
                INSERT INTO "EntityEvents" ("EventId", "EntityType", "EventType", "EntityId", "Identity", "Before", "After", "ReceivedAt", "ReceivedFrom",
                    "DirectorySync", "Evaluated", "EvaluatedAt")
                SELECT 'bench-' || i, 'IdmIdentity', 'UPDATE', 'guid-' || i, 'user' || (i % {{{People}}}),
                    '{"attributes":{"state":"VALID","firstName":"A"},"eav":{"clinicCode":"1"}}',
                    '{"attributes":{"state":"' || CASE i % 10 WHEN 0 THEN 'LEFT' WHEN 1 THEN 'SUSPENDED' ELSE 'VALID' END || '","firstName":"B"},"eav":{"clinicCode":"2"}}',
                    @at, 'bench', 'Skipped', TRUE, @at
                FROM ({{{numbers}}}) AS numbers
                """;
            Add(insert, "count", totalEvents);
            Add(insert, "at", DateTime.UtcNow.AddHours(-1));
            await insert.ExecuteNonQueryAsync();
        }

        Console.WriteLine($"Directory {People:N0} people; {totalEvents:N0} events stored in {fill.Elapsed.TotalSeconds:F1} s. Backtesting \"state:CHANGED\" against the saved \"state:VALID->LEFT\":");
        var times = new List<double>();
        for (var run = 1; run <= runs; run++)
        {
            await using var scope = services.CreateAsyncScope();
            var backtests = scope.ServiceProvider.GetRequiredService<BacktestService>();
            GC.Collect();
            var clock = Stopwatch.StartNew();
            var result = await backtests.RunAsync(saved with { Rule = "state:CHANGED" }, savedId, 7, null, CancellationToken.None);
            times.Add(clock.Elapsed.TotalSeconds);
            Console.WriteLine($"  run {run}: {clock.Elapsed.TotalSeconds:F2} s — {result.EventsExamined:N0} events; edited {result.Edited.EventsFired:N0} fires, "
                + $"{result.Edited.RecipientCount:N0} recipients; saved {result.Saved!.EventsFired:N0} fires, {result.Saved.RecipientCount:N0} recipients; {result.Difference}");
        }

        return BenchDatabase.Median(times);
    }
    finally
    {
        await portal.DisposeAsync();
        await drop();
    }
}

static void Add(System.Data.Common.DbCommand command, string name, object value)
{
    var parameter = command.CreateParameter();
    (parameter.ParameterName, parameter.Value) = ($"@{name}", value);
    command.Parameters.Add(parameter);
}
