using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client;
using Switchboard.Infrastructure.Events;
using Switchboard.Infrastructure.Jobs;
using Switchboard.Infrastructure.Listeners;
using Switchboard.Infrastructure.Provisioning;
using Switchboard.Portal.Features.Jobs;
using Switchboard.ProvisioningSimulator;

namespace Switchboard.IntegrationTests.Jobs;

/// <summary>Every hosted service is on the Background jobs page with its state, the broker consumers included.</summary>
public sealed class BackgroundJobsStateTests(PortalFactory portal, RabbitMqBroker broker) : IClassFixture<PortalFactory>, IClassFixture<RabbitMqBroker>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ListenerMonitor_AndBothConsumers_AppearOnBackgroundJobs_WithTheirState()
    {
        await using (var connection = await new ConnectionFactory { Uri = new Uri(broker.Uri) }.CreateConnectionAsync(Ct))
        await using (var channel = await connection.CreateChannelAsync(cancellationToken: Ct))
        {
            await DaemonSimulator.DeclareTopologyAsync(channel);
        }

        await using var consuming = portal.WithWebHostBuilder(b => b
            .UseSetting("Provisioning:RabbitMq:Uri", broker.Uri)
            .UseSetting("Events:RabbitMq:Uri", broker.Uri)
            .UseSetting("Events:RabbitMq:Queue", "switchboard.events.jobs-page"));

        var jobs = await StatesAsync(consuming, all => all.Count(j => j.Name is ProvisioningConsumer.Name or RabbitMqEventConsumer.Name && j.Activity == "connected") == 2);

        foreach (var consumer in new[] { ProvisioningConsumer.Name, RabbitMqEventConsumer.Name })
        {
            var status = jobs.Single(j => j.Name == consumer);
            Assert.True(status.Continuous);
            Assert.False(status.Degraded);
            Assert.Equal("continuous", status.Schedule);
        }

        var monitor = jobs.Single(j => j.Name == ListenerMonitorJob.Name);
        Assert.True(monitor.Continuous);
        Assert.NotNull(monitor.Activity);
    }

    [Fact]
    public async Task Consumer_WhileTheBrokerCannotBeReached_ShowsReconnecting_WithTheReason()
    {
        await using var unreachable = portal.WithWebHostBuilder(b => b
            .UseSetting("Events:RabbitMq:Uri", $"amqp://guest:guest@127.0.0.1:{LoopbackPort.Free()}/"));

        var jobs = await StatesAsync(unreachable, all => all.Any(j => j.Name == RabbitMqEventConsumer.Name && j.Degraded));

        var status = jobs.Single(j => j.Name == RabbitMqEventConsumer.Name);
        Assert.StartsWith("reconnecting in", status.Activity, StringComparison.Ordinal);
        Assert.Equal("the broker cannot be reached", status.LastError);
        Assert.DoesNotContain("guest", status.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BackgroundJobs_ListStartupServices_WithWhatTheyDid()
    {
        string[] startup = ["database-migration", "key-ring", "demo-data"];
        await using var fresh = new PortalFactory();
        await using (var first = fresh.WithWebHostBuilder(b => b.UseSetting("DemoData:Enabled", "true")))
        {
            var jobs = await StatesAsync(first, all => startup.All(name => all.Any(j => j.Name == name && j.LastOutcome is not null)));

            foreach (var name in startup)
            {
                var status = jobs.Single(j => j.Name == name);
                Assert.True(status.Startup, name);
                Assert.Equal("once at start-up", status.Schedule);
                Assert.False(status.Running, name);
                Assert.Null(status.NextRunAt);
                Assert.NotNull(status.RunNowUnavailableBecause);
                Assert.Equal(JobOutcome.Succeeded, status.LastOutcome);
            }

            Assert.Matches("^applied [0-9]+ migrations?$", jobs.Single(j => j.Name == "database-migration").LastMessage);
            Assert.Equal("seeded demo data into the empty database", jobs.Single(j => j.Name == "demo-data").LastMessage);
            Assert.StartsWith("key ring not encrypted", jobs.Single(j => j.Name == "key-ring").LastMessage, StringComparison.Ordinal);
        }

        await using var second = fresh.WithWebHostBuilder(_ => { });
        var again = await StatesAsync(second, all => startup.All(name => all.Any(j => j.Name == name && j.LastOutcome is not null)));
        Assert.Equal("the database was up to date", again.Single(j => j.Name == "database-migration").LastMessage);
        var demo = again.Single(j => j.Name == "demo-data");
        Assert.Equal(JobOutcome.Skipped, demo.LastOutcome);
        Assert.Equal("DemoData:Enabled is off", demo.LastMessage);

        // Run now asks nothing of a start-up service: it answers the state as it was.
        await using var scope = second.Services.CreateAsyncScope();
        var answered = await scope.ServiceProvider.GetRequiredService<BackgroundJobsService>().RunNowAsync(TestPeople.Admin, "demo-data", Ct);
        Assert.Equal(demo, answered);
    }

    /// <summary>What the Background jobs page lists, once <paramref name="ready"/> holds.</summary>
    private static async Task<IReadOnlyList<JobStatus>> StatesAsync(WebApplicationFactory<Program> app, Func<IReadOnlyList<JobStatus>, bool> ready)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var page = scope.ServiceProvider.GetRequiredService<BackgroundJobsService>();
        return await Eventually.MatchesAsync("the jobs reach the expected state", () => page.ListAsync(TestContext.Current.CancellationToken), ready);
    }
}
