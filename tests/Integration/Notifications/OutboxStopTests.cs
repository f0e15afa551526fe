using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Domain.Notifications;
using Switchboard.Infrastructure.Email;
using Switchboard.Infrastructure.Jobs;
using Switchboard.Infrastructure.Persistence;

namespace Switchboard.IntegrationTests.Notifications;

/// <summary>
/// The sender claims the next chunk while the current one goes out; a run stopped in the middle of a chunk (here: the portal
/// shutting down) keeps what went out and gives back everything else, the chunk claimed ahead included.
/// </summary>
public sealed class OutboxStopTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RunStoppedMidChunk_KeepsWhatWentOut_AndReleasesEveryUnsentMessage_ForTheNextRun()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"switchboard-outbox-stop-{Guid.NewGuid():N}");
        try
        {
            // 1,200 messages are three chunks: the 700th hangs on the wire, while the third chunk is claimed ahead.
            var stalling = new ScriptedMail(stallAt: 700);
            var first = Portal(folder, stalling);
            await using (first)
            {
                await using (var db = await first.Services.GetRequiredService<IDbContextFactory<SwitchboardDbContext>>().CreateDbContextAsync(Ct))
                {
                    var now = DateTime.UtcNow;
                    db.OutboxMessages.AddRange(Enumerable.Range(0, 1_200).Select(i =>
                        OutboxMessage.Queue(0, 0, "stop", NotificationLevel.Info, $"r{i}@example.test", null, $"message {i}", "h", "t", now)));
                    await db.SaveChangesAsync(Ct);
                }

                first.Services.GetRequiredService<JobRegistry>().Find(OutboxSenderJob.Name)!.RequestRun();
                await stalling.Stalled.Task.WaitAsync(Eventually.DefaultDeadline, Ct);
            }

            await using (var db = Database(folder))
            {
                var messages = await db.OutboxMessages.AsNoTracking().ToListAsync(Ct);
                Assert.Equal(699, messages.Count(m => m.Status == MessageStatus.Sent));
                Assert.All(messages.Where(m => m.Status != MessageStatus.Sent), m =>
                {
                    Assert.Equal(MessageStatus.Pending, m.Status);
                    Assert.Null(m.LeaseUntil); // claimable at once, not after the lease runs out
                    Assert.Equal(0, m.Attempts);
                });
            }

            var working = new ScriptedMail(stallAt: int.MaxValue);
            await using (var second = Portal(folder, working))
            {
                second.Services.GetRequiredService<JobRegistry>().Find(OutboxSenderJob.Name)!.RequestRun();
                await Eventually.TrueAsync("every message sent", () => working.Sent.Count == 501);
            }

            Assert.Empty(working.Sent.Keys.Intersect(stalling.Sent.Keys));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private WebApplicationFactory<Program> Portal(string folder, IMailSender mail) => portal.WithWebHostBuilder(b => b
        .UseSetting("Database:DataFolder", folder)
        .ConfigureTestServices(s => s.AddSingleton(mail)));

    private static SwitchboardDbContext Database(string folder) => new(new DbContextOptionsBuilder<SwitchboardDbContext>()
        .UseSqlite($"Data Source={Path.Combine(folder, "switchboard.db")}").Options);

    /// <summary>Accepts every message, except that the one numbered <c>stallAt</c> never leaves until the run is cancelled.</summary>
    private sealed class ScriptedMail(int stallAt) : IMailSender, IMailSession
    {
        private int _attempts;

        public ConcurrentDictionary<long, bool> Sent { get; } = new();

        public TaskCompletionSource Stalled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<IMailSession> OpenAsync(CancellationToken cancellationToken) => Task.FromResult<IMailSession>(this);

        public IPreparedMail Prepare(OutboxMessage message) => new Mail(message);

        public async Task<string> SendAsync(IPreparedMail mail, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _attempts) == stallAt)
            {
                Stalled.TrySetResult();
                await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            }

            Assert.True(Sent.TryAdd(mail.Message.Id, true), $"message {mail.Message.Id} sent twice");
            return "250 accepted";
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;

        private sealed record Mail(OutboxMessage Message) : IPreparedMail;
    }
}
