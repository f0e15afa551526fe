using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Domain.ApiKeys;
using Switchboard.Domain.Jobs;
using Switchboard.Domain.Notifications;
using Switchboard.Domain.People;
using Switchboard.Infrastructure.ApiKeys;
using Switchboard.Infrastructure.Jobs;
using Switchboard.Infrastructure.Mattermost;
using Switchboard.Infrastructure.People;
using Switchboard.Infrastructure.Persistence;
using Switchboard.IntegrationTests.Hosting;
using Switchboard.Portal.Features.ApiKeys;

namespace Switchboard.IntegrationTests.SeveralInstances;

/// <summary>
/// Two portal processes on one PostgreSQL database: each scheduled job runs once per due time, Run now pressed on both
/// makes one run, the token job left by an instance killed with <c>kill -9</c> is finished by the other, and both outbox
/// senders deliver every message once.
/// </summary>
public sealed class TwoInstanceJobTests(TwoPortalProcesses portals) : IClassFixture<TwoPortalProcesses>, IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        portals.Mattermost.State.Reset();
        return new ValueTask(portals.EnsureTwoAsync());
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task ScheduledJob_EachDueTime_IsRunOnce_ByOneOfTheTwoInstances()
    {
        var since = DateTime.UtcNow;

        var runs = await Eventually.MatchesAsync("three due times of the maintenance job run", () => QueryAsync(db => db.JobRuns.AsNoTracking()
                .Where(r => r.JobName == DatabaseMaintenanceJob.Name && r.DueAt > since && r.Outcome != JobRunOutcome.Running)
                .Select(r => new { r.DueAt, r.Instance }).ToListAsync(Ct)),
            found => found.Select(r => r.DueAt).Distinct().Count() >= 3);

        Assert.All(runs.GroupBy(r => r.DueAt), due => Assert.Single(due));
        Assert.Equal(2, portals.Instances.Count(i => !i.HasExited));
    }

    [Fact]
    public async Task RunNow_PressedOnBothInstancesAtOnce_MakesOneTokenRun()
    {
        var users = await SeedAsync("press", 10);
        portals.Mattermost.State.Latency = TimeSpan.FromMilliseconds(100);
        var before = await LastRunIdAsync(TokenRegenerationJob.Name);
        var key = await ApiKeyAsync();

        // Mattermost holds its answers until both presses are accepted: however slowly a loaded machine serves either
        // request, the run the first press starts cannot end before the second press arrives.
        HttpStatusCode[] answers;
        using (portals.Mattermost.State.HoldCalls())
        {
            answers = await Task.WhenAll(portals.Instances.Select(async instance =>
            {
                using var http = Client(instance, key);
                using var response = await http.PostAsync($"/api/jobs/{TokenRegenerationJob.Name}/runs", null, Ct);
                return response.StatusCode;
            }));
        }

        Assert.All(answers, status => Assert.Equal(HttpStatusCode.Accepted, status));
        await Eventually.TrueAsync("the run finished and no Run now is left stored", () => QueryAsync(async db =>
            await db.JobRuns.AnyAsync(r => r.JobName == TokenRegenerationJob.Name && r.Id > before && r.Outcome != JobRunOutcome.Running, Ct)
            && !await db.JobRuns.AnyAsync(r => r.JobName == TokenRegenerationJob.Name && r.Outcome == JobRunOutcome.Running, Ct)
            && await db.JobSettings.AnyAsync(s => s.JobName == TokenRegenerationJob.Name && s.RunRequestedAt == null, Ct)));
        Assert.Single(await QueryAsync(db => db.JobRuns.Where(r => r.JobName == TokenRegenerationJob.Name && r.Id > before).ToListAsync(Ct)));
        Assert.All(users, user => Assert.Equal(1, portals.Mattermost.State.TokensCreated.GetValueOrDefault(user)));
    }

    [Fact]
    public async Task TokenJob_InstanceKilledMidRun_TheOtherFinishesIt_AndNobodyHoldsTwoTokens()
    {
        const int People = 40;
        var users = await SeedAsync("kill", People);
        portals.Mattermost.State.Latency = TimeSpan.FromMilliseconds(150);
        var before = await LastRunIdAsync(TokenRegenerationJob.Name);
        using (var http = Client(portals.Instances[0], await ApiKeyAsync()))
        {
            (await http.PostAsync($"/api/jobs/{TokenRegenerationJob.Name}/runs", null, Ct)).EnsureSuccessStatusCode();
        }

        await Eventually.MatchesAsync("a quarter of the people with a stored token", () => QueryAsync(db =>
            db.People.CountAsync(p => p.Username.StartsWith("kill") && p.MattermostTokenId != null, Ct)), stored => stored >= People / 4);
        var running = await QueryAsync(db => db.JobRuns.SingleAsync(r => r.JobName == TokenRegenerationJob.Name && r.Outcome == JobRunOutcome.Running, Ct));
        var victim = portals.Instances.Single(i => TwoPortalProcesses.InstanceName(i) == running.Instance);
        var survivor = portals.Instances.Single(i => i != victim);
        await portals.KillAsync(victim);

        var takeover = await Eventually.FoundAsync("the other instance's run taking the work up, finished", () => QueryAsync(db =>
            db.JobRuns.AsNoTracking().FirstOrDefaultAsync(r => r.JobName == TokenRegenerationJob.Name && r.Id > running.Id && r.Outcome != JobRunOutcome.Running, Ct)));

        Assert.Equal((JobRunOutcome.Succeeded, TwoPortalProcesses.InstanceName(survivor)), (takeover.Outcome, takeover.Instance));
        Assert.StartsWith(JobTriggers.Takeover, takeover.TriggeredBy, StringComparison.Ordinal);
        Assert.Equal(JobRunOutcome.Abandoned, (await QueryAsync(db => db.JobRuns.SingleAsync(r => r.Id == running.Id, Ct))).Outcome);
        Assert.Equal(2, await QueryAsync(db => db.JobRuns.CountAsync(r => r.JobName == TokenRegenerationJob.Name && r.Id > before, Ct)));

        // Every person holds exactly one Switchboard token at Mattermost, and it is the one stored.
        var stored = await QueryAsync(db => db.People.Where(p => p.Username.StartsWith("kill")).ToDictionaryAsync(p => p.MattermostUserId ?? p.Username, p => p.MattermostTokenId, Ct));
        var active = portals.Mattermost.State.Tokens.Where(t => users.Contains(t.UserId)).GroupBy(t => t.UserId).ToDictionary(g => g.Key, g => g.Select(t => t.Id).ToList());
        Assert.Equal(People, active.Count);
        Assert.All(users, user => Assert.Equal([stored[user]!], active[user]));

        // Those done before the kill were not done again; a token made while the instance died (created at Mattermost,
        // never stored) was revoked by the takeover before the person's new one: at most the calls in flight.
        var created = users.Select(u => portals.Mattermost.State.TokensCreated.GetValueOrDefault(u)).ToList();
        Assert.All(created, count => Assert.InRange(count, 1, 2));
        Assert.InRange(created.Count(c => c == 2), 0, 4);
    }

    [Fact]
    public async Task Outbox_TwoThousandMessages_BothInstancesSend_EachArrivesOnce()
    {
        const int Messages = 2000;
        var since = await LastRunIdAsync(Infrastructure.Email.OutboxSenderJob.Name);
        var batch = Guid.NewGuid().ToString("N")[..8];
        await using (var db = await DbAsync())
        {
            var now = DateTime.UtcNow;
            db.OutboxMessages.AddRange(Enumerable.Range(0, Messages).Select(i => OutboxMessage.Queue(
                0, 0, "test:two-instances", NotificationLevel.Info, $"r{i % 50}@example.test", null, $"{batch} message {i:D4}", "<p>x</p>", "x", now)));
            await db.SaveChangesAsync(Ct);
        }

        // Messages stored straight into the database ring no sender: Run now on both instances at once starts both, so
        // neither has drained the outbox before the other's next poll (which a loaded machine can delay by seconds).
        var key = await ApiKeyAsync();
        await Task.WhenAll(portals.Instances.Select(async instance =>
        {
            using var http = Client(instance, key);
            (await http.PostAsync($"/api/jobs/{Infrastructure.Email.OutboxSenderJob.Name}/runs", null, Ct)).EnsureSuccessStatusCode();
        }));

        // Wait on the database (a cheap count), then read the SMTP server once: every message is stored as sent only after
        // the server accepted it, and polling the server's whole mailbox would itself slow the delivery down.
        await Eventually.MatchesAsync("every message recorded as sent", () => QueryAsync(db =>
            db.OutboxMessages.CountAsync(m => m.Subject.StartsWith(batch) && m.Status == MessageStatus.Sent, Ct)), sent => sent == Messages,
            TimeSpan.FromMinutes(5));
        var subjects = (await portals.Mail.MessagesAsync()).Select(m => m.GetProperty("subject").GetString()!)
            .Where(s => s.Contains(batch, StringComparison.Ordinal)).ToList();

        Assert.Equal(Messages, subjects.Distinct().Count());
        Assert.Equal(Messages, subjects.Count);
        var senders = await QueryAsync(db => db.JobRuns.Where(r => r.JobName == Infrastructure.Email.OutboxSenderJob.Name && r.Id > since
            && r.Outcome == JobRunOutcome.Succeeded).Select(r => r.Instance).Distinct().ToListAsync(Ct));
        Assert.Equal(portals.Instances.Select(TwoPortalProcesses.InstanceName).Order(), senders.Order());
    }

    private async Task<List<string>> SeedAsync(string prefix, int count)
    {
        var tag = $"{prefix}{Guid.NewGuid():N}"[..(prefix.Length + 6)];
        var users = Enumerable.Range(0, count).Select(i => portals.Mattermost.State.AddUser($"{tag}{i:D2}", $"{tag}{i:D2}@example.test")).ToList();
        var drafts = users.Select(u => new PersonDraft { Username = u.Username, Email = u.Email, MattermostSyncEnabled = true }).ToList();
        var result = await portals.Database.Services.GetRequiredService<DirectoryWriter>().UpsertAsync(drafts, Ct);
        Assert.True(result.Succeeded);
        return [.. users.Select(u => u.Id)];
    }

    private async Task<string> ApiKeyAsync()
    {
        await using var scope = portals.Database.Services.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<ApiKeyService>().CreateAsync(
            TestPeople.Admin, new CreateApiKeyRequest { Name = $"two {Guid.NewGuid():N}", Scopes = [ApiKeyScopes.JobsRun] }, Ct);
        return created.Secret;
    }

    private static HttpClient Client(PortalProcess instance, string key)
    {
        var http = new HttpClient { BaseAddress = new Uri(instance.Url), Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Add("X-Api-Key", key);
        return http;
    }

    private Task<long> LastRunIdAsync(string job) =>
        QueryAsync(async db => await db.JobRuns.Where(r => r.JobName == job).MaxAsync(r => (long?)r.Id, Ct) ?? 0);

    private Task<SwitchboardDbContext> DbAsync() =>
        portals.Database.Services.GetRequiredService<IDbContextFactory<SwitchboardDbContext>>().CreateDbContextAsync(Ct);

    private async Task<T> QueryAsync<T>(Func<SwitchboardDbContext, Task<T>> query)
    {
        await using var db = await DbAsync();
        return await query(db);
    }
}
