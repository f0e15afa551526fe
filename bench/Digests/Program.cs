// Measures digest throughput: the digest job's work (DueDigests: find the due recipients, read their waiting changes,
// render one digest e-mail each from the topic's digest template, queue it and link the changes, one transaction per
// digest) over <changes> waiting changes spread over <recipients> recipients, all due. Each round starts from the
// same stored changes; the median of the rounds is printed, in changes and digests per second.
// Run: dotnet run -c Release --project bench/Digests [-- <changes> <recipients> [rounds]]
using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Switchboard.Domain.Notifications;
using Switchboard.Domain.Notifications.Digests;
using Switchboard.Domain.Notifications.Templates;
using Switchboard.Infrastructure;
using Switchboard.Infrastructure.Notifications.Digests;
using Switchboard.Infrastructure.Persistence;

var invariant = System.Globalization.CultureInfo.InvariantCulture;
var changes = args.Length > 0 ? int.Parse(args[0], invariant) : 50_000;
var recipients = args.Length > 1 ? int.Parse(args[1], invariant) : 1_000;
var rounds = args.Length > 2 ? int.Parse(args[2], invariant) : 3;
var folder = Path.Combine(Path.GetTempPath(), $"switchboard-bench-digests-{Guid.NewGuid():N}");
Directory.CreateDirectory(folder);
var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = folder });
builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Database:DataFolder"] = folder });
builder.Services.AddLogging().AddInfrastructure(builder.Configuration);
using var host = builder.Build();
var contexts = host.Services.GetRequiredService<IDbContextFactory<SwitchboardDbContext>>();
var renderer = host.Services.GetRequiredService<ITemplateRenderer>();
var options = host.Services.GetRequiredService<IOptions<DigestOptions>>().Value;
options.MaxItemsPerDigest = Math.Max(options.MaxItemsPerDigest, (changes / recipients) + 1);

int configurationId;
await using (var db = await contexts.CreateDbContextAsync())
{
    await db.Database.MigrateAsync();
    var topic = db.Topics.Add(Topic.Create("bench:digest", null, new EmailTemplate("{{ identity.fullName }} left", "<p>left</p>", "left"), null,
        new EmailTemplate("{{ count }} people left",
            "<ul>{% for item in items %}<li>{{ item.identity.fullName }}: {{ item.before.attributes.state }} → {{ item.after.attributes.state }}</li>{% endfor %}</ul>",
            "{% for item in items %}- {{ item.identity.fullName }}: {{ item.before.attributes.state }} -> {{ item.after.attributes.state }}\n{% endfor %}"))).Entity;
    var configuration = db.NotificationConfigurations.Add(NotificationConfiguration.Create(new NotificationConfigurationDraft
    {
        EntityType = "IdmIdentity",
        EventType = "UPDATE",
        Rule = "state:VALID->LEFT",
        Topic = "bench:digest",
        SendToManager = true,
        Digest = new DigestSchedule(EveryMinutes: 60),
    }, topic)).Entity;
    await db.SaveChangesAsync();
    configurationId = configuration.Id;
}

var due = DateTime.UtcNow.AddHours(-2);
var items = Enumerable.Range(0, changes).Select(i =>
{
    var recipient = i % recipients;
    var model = new TemplateModel("IdmIdentity", "UPDATE", "INFO", null, ["state"],
        new TemplateState(new Dictionary<string, string?> { ["state"] = "VALID" }, new Dictionary<string, string?>()),
        new TemplateState(new Dictionary<string, string?> { ["state"] = "LEFT" }, new Dictionary<string, string?> { ["clinicCode"] = "100" }),
        new TemplatePerson($"user{i}", "Person", $"{i}", $"user{i}@example.test", $"boss{recipient}"),
        new TemplateRecipient($"boss{recipient}@example.test", $"boss{recipient}", $"Boss {recipient}"),
        new TemplateConfiguration("bench:digest", null));
    return DigestItem.Gather(i + 1, configurationId, "bench:digest", NotificationLevel.Info, $"boss{recipient}@example.test", $"boss{recipient}",
        JsonSerializer.Serialize(model, DigestModels.Json), due);
}).ToList();
await using (var db = await contexts.CreateDbContextAsync())
{
    db.DigestItems.AddRange(items);
    await db.SaveChangesAsync();
}

var (changeRates, digestRates) = (new List<double>(), new List<double>());
for (var round = 0; round < rounds; round++)
{
    await using (var db = await contexts.CreateDbContextAsync())
    {
        await db.DigestItems.ExecuteUpdateAsync(u => u.SetProperty(i => i.OutboxMessageId, (long?)null));
        await db.OutboxMessages.ExecuteDeleteAsync();
    }

    GC.Collect();
    var digests = new DueDigests(contexts, renderer, options, TimeProvider.System, NullLogger.Instance);
    var clock = Stopwatch.StartNew();
    await digests.QueueAsync(CancellationToken.None);
    var seconds = clock.Elapsed.TotalSeconds;
    if (digests.Items != changes)
    {
        throw new InvalidOperationException($"{digests.Items} of {changes} changes went into digests.");
    }

    changeRates.Add(changes / seconds);
    digestRates.Add(digests.Digests / seconds);
    Console.WriteLine(string.Create(invariant, $"Round {round + 1}: {digests.Digests:N0} digests carrying {digests.Items:N0} changes in {seconds:F2} s"));
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}

Console.WriteLine(string.Create(invariant,
    $"{changes:N0} waiting changes, {recipients:N0} recipients, {rounds} rounds: median {Median(changeRates):N0} changes/s, {Median(digestRates):N0} digests/s"));
Directory.Delete(folder, recursive: true);
