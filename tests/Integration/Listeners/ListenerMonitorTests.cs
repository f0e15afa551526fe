using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Domain.Listeners;
using Switchboard.Domain.Notifications;
using Switchboard.ExchangeListenerSimulator;
using Switchboard.Infrastructure.ApiKeys;
using Switchboard.Infrastructure.Listeners;

namespace Switchboard.IntegrationTests.Listeners;

/// <summary>
/// The monitor against the Exchange Listener simulator, a real Redis, a closed port, and a real SMTP server for alerts.
/// Checks are run by hand (the scheduled ones wait an hour) so that each test decides how many happen.
/// </summary>
public sealed class ListenerMonitorTests(PortalFactory portal, RedisServer redis) : IClassFixture<PortalFactory>, IClassFixture<RedisServer>, IAsyncLifetime
{
    private readonly ListenerSimulatorState _listener = new();
    private WebApplication? _simulator;
    private MailDev? _smtp;
    private WebApplicationFactory<Program>? _monitoring;
    private ListenerMonitor _monitor = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _simulator = Simulator.Create(["--urls", "http://127.0.0.1:0"], _listener);
        await _simulator.StartAsync();
        var url = _simulator.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _smtp = await MailDev.StartAsync();
        _monitoring = portal.WithWebHostBuilder(b => b
            .UseSetting("Smtp:Host", "127.0.0.1")
            .UseSetting("Smtp:Port", _smtp.SmtpPort.ToString(CultureInfo.InvariantCulture))
            .UseSetting("Smtp:Security", "None")
            .UseSetting("Smtp:PollInterval", "00:00:01")
            .UseSetting("ExchangeListeners:Interval", "01:00:00")
            .UseSetting("ExchangeListeners:Timeout", "00:00:01")
            .UseSetting("ExchangeListeners:DownAfter", "3")
            .UseSetting("ExchangeListeners:AlertRecipients:0", "ops@example.test")
            .UseSetting("ExchangeListeners:Deployments:0:Name", "main")
            .UseSetting("ExchangeListeners:Deployments:0:ServiceUrl", url)
            .UseSetting("ExchangeListeners:Deployments:0:Redis", redis.ConnectionString)
            .UseSetting("ExchangeListeners:Deployments:0:CreatioUrl", url)
            .UseSetting("ExchangeListeners:Deployments:1:Name", "closed")
            .UseSetting("ExchangeListeners:Deployments:1:ServiceUrl", $"http://127.0.0.1:{LoopbackPort.Free()}"));
        _monitor = _monitoring.Services.GetRequiredService<ListenerMonitor>();

        // The scheduled first check of each deployment, before the tests count theirs.
        await Eventually.TrueAsync("the first scheduled checks", () => QueryAsync(async db => await db.DeploymentStatuses.CountAsync(s => s.LastCheckAt != null, Ct) == 2));
    }

    public async ValueTask DisposeAsync()
    {
        if (_monitoring is not null)
        {
            await _monitoring.DisposeAsync();
        }

        if (_smtp is not null)
        {
            await _smtp.DisposeAsync();
        }

        if (_simulator is not null)
        {
            await _simulator.DisposeAsync();
        }
    }

    private ListenerDeployment Main => _monitor.Find("main")!;

    // Only the monitoring portal runs here: the fixture's plain portal would start a second outbox sender (to the pickup folder).
    private Task<Infrastructure.Persistence.SwitchboardDbContext> DbAsync() =>
        _monitoring!.Services.GetRequiredService<IDbContextFactory<Infrastructure.Persistence.SwitchboardDbContext>>().CreateDbContextAsync(Ct);

    private async Task<T> QueryAsync<T>(Func<Infrastructure.Persistence.SwitchboardDbContext, Task<T>> query)
    {
        await using var db = await DbAsync();
        return await query(db);
    }

    private async Task<ListenerState> CheckMainAsync() => (await _monitor.CheckAsync(Main, Ct)).State;

    [Fact]
    public async Task Down_OnlyAfterThreeFailures_ThenRecovery_WithExactlyOneAlertEachOverSmtp()
    {
        _listener.Mode = ListenerMode.Healthy;
        Assert.Equal(ListenerState.Up, await CheckMainAsync());
        var outboxBefore = await QueryAsync(db => db.OutboxMessages.MaxAsync(m => (long?)m.Id, Ct)) ?? 0;

        _listener.Mode = ListenerMode.Failing;
        var afterFailures = new[] { await CheckMainAsync(), await CheckMainAsync(), await CheckMainAsync(), await CheckMainAsync() };
        _listener.Mode = ListenerMode.Healthy;
        var recovered = await CheckMainAsync();
        var stillUp = await CheckMainAsync();

        Assert.Equal([ListenerState.Up, ListenerState.Up, ListenerState.Down, ListenerState.Down], afterFailures);
        Assert.Equal((ListenerState.Up, ListenerState.Up), (recovered, stillUp));
        var alerts = await Eventually.MatchesAsync("two alert e-mails in the SMTP server", async () =>
            (await _smtp!.MessagesAsync()).Select(m => m.GetProperty("subject").GetString()!).Where(s => s.Contains("Exchange Listener main", StringComparison.Ordinal)).ToList(),
            mail => mail.Count >= 2);
        Assert.Equal(["[ERROR] Exchange Listener main is down", "Exchange Listener main recovered (Up)"], alerts);
        await using var db = await DbAsync();
        Assert.Equal(2, await db.OutboxMessages.CountAsync(m => m.Subject.Contains("Exchange Listener main") && m.Id > outboxBefore, Ct));
        await Eventually.TrueAsync("the down alert recorded as sent", () => QueryAsync(d =>
            d.OutboxMessages.AnyAsync(m => m.Topic == "exchange-listener:down" && m.Status == MessageStatus.Sent, Ct)));
    }

    [Fact]
    public async Task RedisStopped_MakesItDegraded_AndItComesBackUp()
    {
        _listener.Mode = ListenerMode.Healthy;
        var healthy = await _monitor.CheckAsync(Main, Ct);
        await redis.StopAsync();
        ListenerCheck withoutRedis;
        try
        {
            withoutRedis = await _monitor.CheckAsync(Main, Ct);
        }
        finally
        {
            await redis.StartAsync();
        }

        // The restarted Redis takes its connection back when the client reconnects, which a loaded machine delays.
        var backUp = await Eventually.MatchesAsync("main Up again after Redis restarted", () => _monitor.CheckAsync(Main, Ct), c => c.State == ListenerState.Up);

        Assert.Equal((ListenerState.Up, true), (healthy.State, healthy.RedisUp));
        Assert.Equal((ListenerState.Degraded, false, true), (withoutRedis.State, withoutRedis.RedisUp, withoutRedis.ListenerUp));
        Assert.NotNull(withoutRedis.RedisError);
        Assert.Equal((ListenerState.Up, true), (backUp.State, backUp.RedisUp));
    }

    [Fact]
    public async Task HangingListener_TimesOut_WithoutDelayingAnotherDeployment()
    {
        _listener.Mode = ListenerMode.Hanging;
        try
        {
            var timer = Stopwatch.StartNew();
            var hanging = _monitor.CheckAsync(Main, Ct);
            var closed = await _monitor.CheckAsync(_monitor.Find("closed")!, Ct);
            var closedTook = timer.Elapsed;
            var timedOut = await hanging;

            Assert.True(closedTook < TimeSpan.FromSeconds(1), $"the closed port's check took {closedTook}");
            Assert.False(closed.ListenerUp);
            Assert.StartsWith("cannot connect", closed.ListenerError, StringComparison.Ordinal);
            Assert.False(timedOut.ListenerUp);
            Assert.Equal("no answer within 1 s", timedOut.ListenerError);
            Assert.InRange(timer.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(5));
        }
        finally
        {
            _listener.Mode = ListenerMode.Healthy;
            await CheckMainAsync();
        }
    }

    [Fact]
    public async Task CheckSomeoneAsked_HoldsTheDeploymentsLock_SoAScheduledCheckMeanwhileLeavesItAlone()
    {
        _listener.Mode = ListenerMode.Hanging;
        try
        {
            var before = _listener.Checks;
            var asked = _monitor.CheckAsync(Main, Ct);
            await Eventually.TrueAsync("the asked check to reach the listener", () => _listener.Checks > before);

            var scheduled = await _monitor.CheckIfDueAsync(Main, asked: true, Ct);

            Assert.Null(scheduled);
            Assert.False((await asked).ListenerUp);
            Assert.Equal(before + 1, _listener.Checks);
        }
        finally
        {
            _listener.Mode = ListenerMode.Healthy;
            await CheckMainAsync();
        }
    }

    [Fact]
    public async Task CheckSomeoneAsked_WhileAnotherCheckHoldsTheDeploymentPastItsTime_IsRefusedAsBusy_NotAnError()
    {
        var locks = _monitoring!.Services.GetRequiredService<Switchboard.Infrastructure.Jobs.IJobLocks>();
        await using (await locks.TryAcquireAsync($"{ListenerMonitorJob.Name}:main", TimeSpan.Zero, Ct))
        {
            var busy = await Assert.ThrowsAsync<Switchboard.Domain.BusyException>(() => _monitor.CheckAsync(Main, Ct));

            Assert.Contains("A check of main has been under way", busy.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ChecksPastTheRetention_ArePruned_WithTheirHourlyCounts()
    {
        var old = DateTime.UtcNow.AddDays(-31);
        await using (var db = await DbAsync())
        {
            db.ListenerChecks.Add(ListenerCheck.Of("main", old, new ProbeResult(true, 200, 5, null, null), ListenerState.Up));
            await db.SaveChangesAsync(Ct);
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"""INSERT INTO "ListenerCheckHours" ("Deployment", "Hour", "Checks", "Up", "FirstAt") VALUES ('main', {ListenerCheckHour.HourOf(old)}, 1, 1, {old})""", Ct);
        }

        var pruned = await _monitor.PruneAsync(Ct);

        await using var after = await DbAsync();
        Assert.True(pruned >= 1);
        Assert.False(await after.ListenerChecks.AnyAsync(c => c.At < DateTime.UtcNow.AddDays(-30), Ct));
        Assert.True(await after.ListenerChecks.AnyAsync(c => c.Deployment == "main", Ct));
        Assert.False(await after.ListenerCheckHours.AnyAsync(h => h.Hour < DateTime.UtcNow.AddDays(-30), Ct));
        Assert.True(await after.ListenerCheckHours.AnyAsync(h => h.Deployment == "main", Ct));
    }

    [Fact]
    public async Task EveryCheck_IsCountedInItsHour_AndUptimeIsTheShareOfAnsweredChecks()
    {
        await _monitor.CheckAsync(_monitor.Find("closed")!, Ct);
        await CheckMainAsync();

        var stored = await QueryAsync(db => db.ListenerChecks.GroupBy(c => c.Deployment)
            .Select(g => new { g.Key, Checks = g.Count(), Up = g.Count(c => c.ListenerUp) }).ToDictionaryAsync(g => g.Key, Ct));
        var hours = await QueryAsync(db => db.ListenerCheckHours.GroupBy(h => h.Deployment)
            .Select(g => new { g.Key, Checks = g.Sum(h => h.Checks), Up = g.Sum(h => h.Up) }).ToDictionaryAsync(g => g.Key, Ct));
        await using var scope = _monitoring!.Services.CreateAsyncScope();
        var deployments = await scope.ServiceProvider.GetRequiredService<ListenersService>().DeploymentsAsync(Ct);

        foreach (var name in new[] { "main", "closed" })
        {
            Assert.Equal((stored[name].Checks, stored[name].Up), (hours[name].Checks, hours[name].Up));
            Assert.Equal((double)stored[name].Up / stored[name].Checks, deployments.Single(d => d.Name == name).Uptime24Hours);
        }

        Assert.Equal(0, hours["closed"].Up);
    }

    [Fact]
    public async Task HeartbeatAndLastDay_HoldTheStoredChecks_AndUptimeSaysHowLittleTimeItCovers()
    {
        var closed = _monitor.Find("closed")!;
        for (var i = 0; i < 3; i++)
        {
            await _monitor.CheckAsync(closed, Ct);
        }

        await using var scope = _monitoring!.Services.CreateAsyncScope();
        var listeners = scope.ServiceProvider.GetRequiredService<ListenersService>();
        var deployment = (await listeners.DeploymentsAsync(Ct)).Single(d => d.Name == "closed");
        var lastDay = await listeners.LastDayAsync("closed", Ct);

        var stored = await QueryAsync(db => db.ListenerChecks.Where(c => c.Deployment == "closed").OrderBy(c => c.At).ThenBy(c => c.Id)
            .Select(c => c.State).ToListAsync(Ct));
        Assert.True(stored.Count >= 4, $"the scheduled check and three by hand, saw {stored.Count}");
        Assert.Equal(stored.TakeLast(ListenersService.HeartbeatLength), deployment.Heartbeat.Select(b => b.State));
        Assert.Equal(deployment.State, deployment.Heartbeat[^1].State);
        Assert.Equal(stored.Count, lastDay.Buckets.Sum(b => b.Checks));
        Assert.Equal(ListenerState.Down, lastDay.Buckets[^1].WorstState);
        Assert.InRange(deployment.UptimeCovers24Hours!.Value, TimeSpan.Zero, TimeSpan.FromHours(1));
        Assert.Equal(deployment.UptimeCovers24Hours, deployment.UptimeCovers7Days);
    }

    [Fact]
    public async Task DeploymentPage_ReadsOnlyItsDeployment_AndShowsWhatTheOverviewShowsForIt()
    {
        await _monitor.CheckAsync(_monitor.Find("closed")!, Ct);
        await CheckMainAsync();

        await using var scope = _monitoring!.Services.CreateAsyncScope();
        var listeners = scope.ServiceProvider.GetRequiredService<ListenersService>();
        var overview = await listeners.DeploymentsAsync(Ct);
        foreach (var name in new[] { "main", "closed" })
        {
            var alone = await listeners.DeploymentAsync(name, Ct);
            var listed = overview.Single(d => d.Name == name);
            Assert.NotNull(alone);
            Assert.Equal((listed.State, listed.Since, listed.LastCheckAt, listed.LatencyMilliseconds, listed.Uptime24Hours, listed.Uptime7Days, listed.ServiceUrl),
                (alone.State, alone.Since, alone.LastCheckAt, alone.LatencyMilliseconds, alone.Uptime24Hours, alone.Uptime7Days, alone.ServiceUrl));
            Assert.Equal(listed.Heartbeat, alone.Heartbeat);
            Assert.NotNull(alone.UptimeCovers24Hours);
        }

        Assert.Null(await listeners.DeploymentAsync("no-such-deployment", Ct));
    }

    [Fact]
    public async Task Api_ListsEveryDeploymentWithItsState()
    {
        using var client = _monitoring!.CreateClient();
        await using var scope = _monitoring.Services.CreateAsyncScope();
        var key = await scope.ServiceProvider.GetRequiredService<Switchboard.Infrastructure.ApiKeys.ApiKeyService>().CreateAsync(
            TestPeople.Admin, new Switchboard.Infrastructure.ApiKeys.CreateApiKeyRequest { Name = "listeners", Scopes = [Domain.ApiKeys.ApiKeyScopes.ConfigRead] }, Ct);
        client.DefaultRequestHeaders.Add("X-Api-Key", key.Secret);

        var response = await client.GetAsync("/api/listeners", Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"name\":\"main\"", body, StringComparison.Ordinal);
        Assert.Contains("\"name\":\"closed\"", body, StringComparison.Ordinal);
        Assert.Contains("\"uptime24Hours\"", body, StringComparison.Ordinal);
    }
}
