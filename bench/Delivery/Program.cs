// Measures delivery: the portal's outbox sender (claim with a lease, send over one SMTP connection, record each
// outcome) against a plain MailKit loop sending the same messages to the same minimal SMTP sink in the same run.
// Run: dotnet run -c Release --project bench/Delivery [-- <messages> [rounds]]   (prints every round and the medians)
using System.Diagnostics;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MimeKit;
using Switchboard.Bench.Shared;
using Switchboard.Domain.Notifications;
using Switchboard.Infrastructure;
using Switchboard.Infrastructure.Email;
using Switchboard.Infrastructure.Persistence;

var count = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 5_000;
var rounds = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5;
await using var sink = new SmtpSink();
var folder = Path.Combine(Path.GetTempPath(), $"switchboard-bench-delivery-{Guid.NewGuid():N}");
Directory.CreateDirectory(folder); // the portal's migrator makes it; this bench migrates by itself
// An empty host builder gives the services the hosted services need (IHostEnvironment); the host is never started,
// only the outbox sender runs.
var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = folder });
builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
{
    ["Database:DataFolder"] = folder,
    ["Smtp:Host"] = "127.0.0.1",
    ["Smtp:Port"] = sink.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
    ["Smtp:Security"] = "None",
    ["Smtp:PollInterval"] = "01:00:00",
});
builder.Services.AddLogging().AddInfrastructure(builder.Configuration);
using var host = builder.Build();
var provider = host.Services;
var contexts = provider.GetRequiredService<IDbContextFactory<SwitchboardDbContext>>();
await using (var db = await contexts.CreateDbContextAsync())
{
    await db.Database.MigrateAsync();
}

var sender = provider.GetServices<IHostedService>().OfType<OutboxSenderJob>().Single();
await sender.StartAsync(CancellationToken.None);
var handle = provider.GetRequiredService<Switchboard.Infrastructure.Jobs.JobRegistry>().Find(OutboxSenderJob.Name)!;

List<OutboxMessage> Messages(int round) => Enumerable.Range(0, count).Select(i => OutboxMessage.Queue(1, 1, "bench:left", NotificationLevel.Warning,
    $"user{i:D5}@example.test", $"user{i:D5}", $"Person {i} left (VALID → LEFT)",
    $"<p>Hello Manager {i},</p><p><b>Person {i}</b> (user{i:D5}) changed state from VALID to LEFT in round {round}.</p>",
    $"Hello Manager {i},\n\nPerson {i} (user{i:D5}) changed state from VALID to LEFT in round {round}.", DateTime.UtcNow)).ToList();

TimeSpan Cpu() => Process.GetCurrentProcess().TotalProcessorTime;

// Each side starts on a collected heap, so neither pays for the garbage of what came before (the outbox's insert).
static void Settle()
{
    GC.Collect();
    GC.WaitForPendingFinalizers();
    GC.Collect();
}

async Task<(double Rate, double Cpu)> PlainLoopAsync(List<OutboxMessage> messages)
{
    Settle();
    var cpu = Cpu();
    var clock = Stopwatch.StartNew();
    using var client = new SmtpClient();
    await client.ConnectAsync("127.0.0.1", sink.Port, SecureSocketOptions.None);
    foreach (var m in messages)
    {
        var mime = new MimeMessage();
        mime.From.Add(MailboxAddress.Parse("switchboard@localhost"));
        mime.To.Add(new MailboxAddress(m.RecipientUsername, m.RecipientEmail));
        mime.Subject = m.Subject;
        mime.Body = new BodyBuilder { HtmlBody = m.HtmlBody, TextBody = m.TextBody }.ToMessageBody();
        await client.SendAsync(mime);
    }

    await client.DisconnectAsync(quit: true);
    return (messages.Count / clock.Elapsed.TotalSeconds, (Cpu() - cpu).TotalMicroseconds / messages.Count);
}

async Task<(double Rate, double Cpu)> OutboxAsync(List<OutboxMessage> messages)
{
    await using (var db = await contexts.CreateDbContextAsync())
    {
        db.OutboxMessages.AddRange(messages);
        await db.SaveChangesAsync();
    }

    // The run's end is read from the job's status (set as the run finishes), not by polling the database.
    var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    var before = handle.Status.LastRunFinishedAt;
    void OnChanged()
    {
        if (handle.Status.LastRunFinishedAt != before && !handle.Status.Running)
        {
            finished.TrySetResult();
        }
    }

    handle.Changed += OnChanged;
    Settle();
    var cpu = Cpu();
    var clock = Stopwatch.StartNew();
    handle.RequestRun();
    await finished.Task;
    var elapsed = clock.Elapsed.TotalSeconds;
    var perMessage = (Cpu() - cpu).TotalMicroseconds / messages.Count;
    handle.Changed -= OnChanged;
    await using var check = await contexts.CreateDbContextAsync();
    var unsent = await check.OutboxMessages.CountAsync(m => m.Status != MessageStatus.Sent);
    return unsent == 0 ? (messages.Count / elapsed, perMessage) : throw new InvalidOperationException($"{unsent} messages were not sent in the run.");
}

await PlainLoopAsync(Messages(-1).Take(500).ToList()); // warm-up of both paths
await OutboxAsync(Messages(-1).Take(500).ToList());
var (plain, outbox, ratios) = (new List<double>(), new List<double>(), new List<double>());
var invariant = System.Globalization.CultureInfo.InvariantCulture;
for (var round = 0; round < rounds; round++)
{
    // Processor time per message beside the rates: on a loaded machine it varies less than the wall clock.
    var (plainRate, plainCpu) = await PlainLoopAsync(Messages(round));
    var (outboxRate, outboxCpu) = await OutboxAsync(Messages(round));
    plain.Add(plainRate);
    outbox.Add(outboxRate);
    ratios.Add(outbox[^1] / plain[^1]);
    Console.WriteLine(string.Create(invariant,
        $"Round {round + 1}: plain loop {plain[^1]:N0} messages/s, outbox sender {outbox[^1]:N0} messages/s ({outbox[^1] / plain[^1]:P0}); processor time per message {plainCpu:N0} µs / {outboxCpu:N0} µs"));
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}

string Rates(List<double> values) => string.Join(", ", values.Select(p => p.ToString("N0", invariant)));
Console.WriteLine(string.Create(invariant, $"{count:N0} messages per round, {rounds} rounds, sink received {sink.Received:N0}."));
Console.WriteLine(string.Create(invariant, $"Plain MailKit loop: median {Median(plain):N0} messages/s ({Rates(plain)})"));
Console.WriteLine(string.Create(invariant, $"Outbox sender:      median {Median(outbox):N0} messages/s ({Rates(outbox)})"));
Console.WriteLine(string.Create(invariant, $"Outbox sender / plain loop: median of the rounds {Median(ratios):P0} ({string.Join(", ", ratios.Select(r => r.ToString("P0", invariant)))}); of the medians {Median(outbox) / Median(plain):P0}"));
await sender.StopAsync(CancellationToken.None);
Directory.Delete(folder, recursive: true);
