// Measures the people directory on this machine: batch upserts of 5,000 people (new and existing) and the People
// grid's query (filter + a page of 50) on a 100,000-person directory, against a real SQLite file.
// Run: dotnet run -c Release --project bench/PeopleDirectory
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Domain.People;
using Switchboard.Infrastructure;
using Switchboard.Infrastructure.People;
using Switchboard.Infrastructure.Persistence;
using Switchboard.Portal.Features.People;

var DirectorySize = int.Parse(Environment.GetEnvironmentVariable("BENCH_PEOPLE") ?? "100000", System.Globalization.CultureInfo.InvariantCulture);
const int Batch = DirectoryRules.MaxBatchSize;
var folder = Path.Combine(Path.GetTempPath(), $"switchboard-bench-people-{Guid.NewGuid():N}");
var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Database:DataFolder"] = folder }).Build();
var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration).AddInfrastructure(configuration);
services.AddScoped<Switchboard.Infrastructure.Access.AccessGuard>().AddScoped<PeopleService>();
await using var provider = services.BuildServiceProvider();
await using (var db = await provider.GetRequiredService<IDbContextFactory<SwitchboardDbContext>>().CreateDbContextAsync())
{
    await db.Database.MigrateAsync();
    await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
}

var writer = provider.GetRequiredService<DirectoryWriter>();
string[] states = ["VALID", "VALID", "VALID", "DISABLED", "LEFT", "EXCLUDED"];
string[] forms = ["employee", "employee", "externist"];
PersonDraft Draft(int i, string suffix = "") => new()
{
    Username = $"user{i:D6}",
    FirstName = $"First{i % 997}{suffix}",
    LastName = $"Last{i % 1009}",
    Email = $"user{i:D6}@example.test",
    ExternalCode = $"P{i}",
    State = states[i % states.Length],
    FormProjection = forms[i % forms.Length],
    Manager = i % 50 == 0 ? null : $"user{i - (i % 50):D6}",
    Roles = [$"role{i % 40}", $"role{(i / 40) % 40}"],
    Attributes = new Dictionary<string, string> { ["department"] = $"D{i % 25}", ["costCenter"] = $"CC{i % 300}" },
    MattermostSyncEnabled = i % 3 == 0,
};

var insertTimes = new List<double>();
for (var start = 0; start < DirectorySize; start += Batch)
{
    var drafts = Enumerable.Range(start, Batch).Select(i => Draft(i)).ToList();
    var clock = Stopwatch.StartNew();
    var result = await writer.UpsertAsync(drafts, CancellationToken.None);
    insertTimes.Add(clock.Elapsed.TotalMilliseconds);
    if (!result.Succeeded)
    {
        throw new InvalidOperationException(result.Errors[0].ToString());
    }
}

var updateTimes = new List<double>();
for (var round = 0; round < 5; round++)
{
    var drafts = Enumerable.Range(round * Batch, Batch).Select(i => Draft(i, "x")).ToList();
    var clock = Stopwatch.StartNew();
    await writer.UpsertAsync(drafts, CancellationToken.None);
    updateTimes.Add(clock.Elapsed.TotalMilliseconds);
}

Console.WriteLine($"batch upsert of {Batch} new people into a growing directory: median {Median(insertTimes):F0} ms, last (into {DirectorySize - Batch:N0}) {insertTimes[^1]:F0} ms");
Console.WriteLine($"batch upsert of {Batch} existing people (every field changed) in {DirectorySize:N0}: median {Median(updateTimes):F0} ms");

var people = provider.GetRequiredService<PeopleService>();
(string Name, PeopleQuery Query, int Page)[] queries =
[
    ("no filter, first page", new PeopleQuery(), 0),
    ("no filter, page 1,000", new PeopleQuery(), 1000),
    ("state = LEFT", new PeopleQuery(State: "LEFT"), 0),
    ("role = role7", new PeopleQuery(Role: "role7"), 0),
    ("user type + chat sync + no token", new PeopleQuery(FormProjection: "externist", SyncEnabled: true, HasToken: false), 0),
    ("search 'last100'", new PeopleQuery(Query: "last100"), 0),
    ("search 'user09999'", new PeopleQuery(Query: "user09999"), 0),
];
foreach (var (name, query, page) in queries)
{
    await people.SearchAsync(query, page, 50, CancellationToken.None);
    var times = new List<double>();
    var total = 0;
    for (var run = 0; run < 20; run++)
    {
        var clock = Stopwatch.StartNew();
        total = (await people.SearchAsync(query, page, 50, CancellationToken.None)).TotalCount;
        times.Add(clock.Elapsed.TotalMilliseconds);
    }

    Console.WriteLine($"grid query, {name} ({total:N0} match): median {Median(times):F1} ms, max {times.Max():F1} ms");
}

Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
Directory.Delete(folder, recursive: true);

static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
