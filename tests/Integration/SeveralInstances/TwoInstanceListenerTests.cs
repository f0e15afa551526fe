using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Domain.Listeners;
using Switchboard.ExchangeListenerSimulator;
using Switchboard.Infrastructure.Listeners;

namespace Switchboard.IntegrationTests.SeveralInstances;

/// <summary>
/// Two portal instances (hosts of their own) on one PostgreSQL database watching one Exchange Listener deployment (the
/// simulator): it is checked once per interval across both, and each state change is alerted once.
/// </summary>
public sealed class TwoInstanceListenerTests(PostgresPortalFactory portal) : IClassFixture<PostgresPortalFactory>, IAsyncLifetime
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    private readonly ListenerSimulatorState _listener = new();
    private readonly List<WebApplicationFactory<Program>> _instances = [];
    private readonly string _deployment = $"dep-{Guid.NewGuid():N}"[..12];
    private WebApplication? _simulator;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _simulator = Simulator.Create(["--urls", "http://127.0.0.1:0"], _listener);
        await _simulator.StartAsync(Ct);
        var url = _simulator.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        for (var i = 0; i < 2; i++)
        {
            var instance = portal.WithWebHostBuilder(b => b
                .UseSetting("ExchangeListeners:Interval", Interval.ToString("c", System.Globalization.CultureInfo.InvariantCulture))
                .UseSetting("ExchangeListeners:Jitter", "0")
                .UseSetting("ExchangeListeners:Timeout", "00:00:01.5")
                .UseSetting("ExchangeListeners:SlowAfter", "00:00:01.4")
                .UseSetting("ExchangeListeners:DownAfter", "2")
                .UseSetting("ExchangeListeners:AlertRecipients:0", "ops@example.test")
                .UseSetting("ExchangeListeners:Deployments:0:Name", _deployment)
                .UseSetting("ExchangeListeners:Deployments:0:ServiceUrl", url));
            _ = instance.Services; // started: it watches from now on
            _instances.Add(instance);
        }
    }

    [Fact]
    public async Task TwoInstancesWatching_CheckTheDeploymentOncePerInterval_NotOncePerInstance()
    {
        var checks = await Eventually.MatchesAsync("six checks of the deployment", () => QueryAsync(db =>
            db.ListenerChecks.AsNoTracking().Where(c => c.Deployment == _deployment).OrderBy(c => c.At).Select(c => c.At).ToListAsync(Ct)),
            found => found.Count >= 6);

        var gaps = checks.Zip(checks.Skip(1), (earlier, later) => later - earlier).ToList();
        Assert.All(gaps, gap => Assert.True(gap >= Interval - ListenerMonitor.Slack, $"two checks {gap.TotalMilliseconds:0} ms apart: {string.Join(", ", gaps.Select(g => g.TotalMilliseconds))}"));

        // Every probe the simulator answered is one stored check: no instance probed and left it unrecorded.
        var stored = await QueryAsync(db => db.ListenerChecks.CountAsync(c => c.Deployment == _deployment, Ct));
        Assert.InRange(_listener.Checks, stored, stored + 2);
    }

    [Fact]
    public async Task DeploymentGoesDownAndRecovers_WithTwoInstancesWatching_OneAlertPerStateChange()
    {
        await StateAsync(ListenerState.Up);

        _listener.Mode = ListenerMode.Failing;
        await StateAsync(ListenerState.Down);
        _listener.Mode = ListenerMode.Healthy;
        await StateAsync(ListenerState.Up);
        var after = await QueryAsync(db => db.ListenerChecks.CountAsync(c => c.Deployment == _deployment, Ct));
        await Eventually.MatchesAsync("two more checks after the recovery", () => QueryAsync(db =>
            db.ListenerChecks.CountAsync(c => c.Deployment == _deployment, Ct)), count => count >= after + 2);

        var alerts = await QueryAsync(db => db.OutboxMessages.Where(m => m.Subject.Contains(_deployment)).Select(m => m.Topic).ToListAsync(Ct));
        Assert.Equal([ListenerAlerts.TopicDown, ListenerAlerts.TopicRecovered], alerts.Order());
    }

    private Task StateAsync(ListenerState state) =>
        Eventually.TrueAsync($"the deployment {state}", () => QueryAsync(db =>
            db.DeploymentStatuses.AnyAsync(s => s.Deployment == _deployment && s.State == state, Ct)));

    private async Task<T> QueryAsync<T>(Func<Infrastructure.Persistence.SwitchboardDbContext, Task<T>> query)
    {
        await using var db = await _instances[0].Services.GetRequiredService<IDbContextFactory<Infrastructure.Persistence.SwitchboardDbContext>>().CreateDbContextAsync(Ct);
        return await query(db);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var instance in _instances)
        {
            await instance.DisposeAsync();
        }

        if (_simulator is not null)
        {
            await _simulator.DisposeAsync();
        }
    }
}
