// The envelope list at scale: 1,000,000 envelopes over a year (50 failure groups, 3 routing keys, every state), then the
// first page (50 rows and the bounded total) for each filter of the page, through the same service the page uses.
// Server time per query: median and 95th percentile of 30 runs after one warm-up.
// Run: dotnet run -c Release --project bench/EnvelopeList [-- <envelopes>]
using System.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Infrastructure.Persistence;
using Switchboard.Infrastructure.Provisioning;
using Switchboard.Portal.Features.Provisioning;

var total = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000;
var folder = Path.Combine(Path.GetTempPath(), $"switchboard-bench-envelopes-{Guid.NewGuid():N}");
Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_SWITCHBOARD_PORTAL", Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../src/Portal")));
await using var portal = new WebApplicationFactory<ProvisioningService>().WithWebHostBuilder(b => b
    .UseEnvironment("Development")
    .UseSetting("Database:DataFolder", folder)
    .UseSetting("DemoData:Enabled", "false")
    .UseSetting("Logging:LogLevel:Default", "Warning"));
var contexts = portal.Services.GetRequiredService<IDbContextFactory<SwitchboardDbContext>>();
string[] keys = ["request.googleapps.user.create", "request.googleapps.user.update", "request.googleapps.user.delete"];
string[] states = ["Failed", "Resolved", "Resolved", "SucceededLater", "SucceededLater", "Resolved", "Retrying", "Failed", "Resolved", "SucceededLater"];
var start = new DateTime(2025, 11, 24, 0, 0, 0, DateTimeKind.Utc);

var fill = Stopwatch.StartNew();
await using (var db = await contexts.CreateDbContextAsync())
{
    await db.Database.OpenConnectionAsync();
    var connection = (SqliteConnection)db.Database.GetDbConnection();
    await using var transaction = connection.BeginTransaction();
    await using (var groups = connection.CreateCommand())
    {
        groups.Transaction = transaction;
        groups.CommandText = """INSERT INTO "FailureGroups" ("Key", "Title", "RoutingKey", "Failures", "FirstSeenAt", "LastSeenAt") VALUES (@key, @title, @rk, 0, @at, @at)""";
        foreach (var name in new[] { "@key", "@title", "@rk", "@at" })
        {
            groups.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        for (var g = 0; g < 50; g++)
        {
            (groups.Parameters[0].Value, groups.Parameters[1].Value, groups.Parameters[2].Value, groups.Parameters[3].Value) = ($"{keys[g % 3]}\nError{g}", $"Error{g}", keys[g % 3], start);
            await groups.ExecuteNonQueryAsync();
        }
    }

    await using var insert = connection.CreateCommand();
    insert.Transaction = transaction;
    insert.CommandText = """
        INSERT INTO "ProvisioningEnvelopes" ("Kind", "State", "Archived", "GroupId", "CorrelationId", "RoutingKey", "StatusCode", "ErrorType", "ErrorName", "ErrorMessage",
            "Scrubbed", "SoftfailCount", "FirstSeenAt", "LastSeenAt", "GramAccountUuid", "Email", "GoogleId", "Tags", "Reruns")
        VALUES ('Failure', @state, @archived, @group, @correlation, @rk, @status, @type, @name, @message, FALSE, 0, @at, @at, @uuid, @email, @google, '', 0)
        """;
    foreach (var name in new[] { "@state", "@archived", "@group", "@correlation", "@rk", "@status", "@type", "@name", "@message", "@at", "@uuid", "@email", "@google" })
    {
        insert.Parameters.Add(new SqliteParameter { ParameterName = name });
    }

    insert.Prepare();
    for (var i = 0; i < total; i++)
    {
        var group = i % 50;
        var state = states[i % states.Length];
        object[] values =
        [
            state, i % 97 == 0, group + 1, $"bench-{i}", keys[group % 3], group % 5 == 0 ? 422 : group % 5 == 1 ? 500 : 409, state == "Retrying" ? "softfail" : "hardfail",
            $"Error{group}", $"simulated failure {i}", start.AddSeconds(i * (365.0 * 86400 / total)), $"00000000-0000-4000-8000-{i:D12}", $"user{i}@gadz.org", $"{100000000000000 + i}",
        ];
        for (var p = 0; p < values.Length; p++)
        {
            insert.Parameters[p].Value = values[p];
        }

        await insert.ExecuteNonQueryAsync();
    }

    await transaction.CommitAsync();
    await using var analyze = connection.CreateCommand();
    analyze.CommandText = "PRAGMA optimize; ANALYZE;";
    await analyze.ExecuteNonQueryAsync();
}

Console.WriteLine($"{total:N0} envelopes stored in {fill.Elapsed.TotalSeconds:F1} s");
var end = start.AddDays(365);
var cases = new (string Name, EnvelopeFilter Filter)[]
{
    ("open (the page's default)", new EnvelopeFilter()),
    ("all states", new EnvelopeFilter(State: EnvelopeFilter.All)),
    ("group", new EnvelopeFilter(GroupId: 7, State: EnvelopeFilter.All)),
    ("group, open", new EnvelopeFilter(GroupId: 7)),
    ("status code 422", new EnvelopeFilter(StatusCode: 422, State: EnvelopeFilter.All)),
    ("error type softfail", new EnvelopeFilter(ErrorType: "softfail", State: EnvelopeFilter.All)),
    ("routing key", new EnvelopeFilter(RoutingKey: keys[2], State: EnvelopeFilter.All)),
    ("state Resolved", new EnvelopeFilter(State: "Resolved")),
    ("last 7 days", new EnvelopeFilter(State: EnvelopeFilter.All, From: end.AddDays(-7), To: end)),
    ("archived", new EnvelopeFilter(State: EnvelopeFilter.Archived)),
    ("search GrAM UUID", new EnvelopeFilter(State: EnvelopeFilter.All, Search: "00000000-0000-4000-8000-000000654321")),
    ("search e-mail", new EnvelopeFilter(State: EnvelopeFilter.All, Search: "user654321@gadz.org")),
    ("search Google id", new EnvelopeFilter(State: EnvelopeFilter.All, Search: "100000000654321")),
    ("page 100 of group", new EnvelopeFilter(GroupId: 7, State: EnvelopeFilter.All)),
};
await using var scope = portal.Services.CreateAsyncScope();
var service = scope.ServiceProvider.GetRequiredService<ProvisioningService>();
Console.WriteLine($"{"filter",-28} {"rows",5} {"total",8} {"median ms",10} {"p95 ms",8}");
foreach (var (name, filter) in cases)
{
    var page = name.StartsWith("page 100", StringComparison.Ordinal) ? 100 : 0;
    var result = await service.EnvelopesAsync(filter, page, 50, CancellationToken.None);
    var times = new List<double>();
    for (var run = 0; run < 30; run++)
    {
        var timer = Stopwatch.StartNew();
        result = await service.EnvelopesAsync(filter, page, 50, CancellationToken.None);
        times.Add(timer.Elapsed.TotalMilliseconds);
    }

    times.Sort();
    Console.WriteLine($"{name,-28} {result.Items.Count,5} {(result.TotalIsAtLeast ? $"{result.TotalCount:N0}+" : result.TotalCount.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)),8} {times[15],10:F2} {times[28],8:F2}");
}

var groupsTimer = Stopwatch.StartNew();
var groupRows = await service.GroupsAsync(onlyOpen: false, CancellationToken.None);
Console.WriteLine($"failure groups with open counts: {groupRows.Count} groups in {groupsTimer.Elapsed.TotalMilliseconds:F0} ms");
await portal.DisposeAsync();
SqliteConnection.ClearAllPools();
Directory.Delete(folder, recursive: true);
