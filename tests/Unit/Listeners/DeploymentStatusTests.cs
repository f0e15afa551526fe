using Switchboard.Domain.Listeners;

namespace Switchboard.UnitTests.Listeners;

public sealed class DeploymentStatusTests
{
    private static readonly DateTime Now = new(2026, 11, 24, 8, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Slow = TimeSpan.FromSeconds(2);
    private static readonly ProbeResult Healthy = new(true, 200, 40, "{}", null);
    private static readonly ProbeResult Failed = new(false, 500, 40, null, "answered 500");

    private static DeploymentStatus Up()
    {
        var status = DeploymentStatus.New("main", Now);
        status.Record(Healthy, Now, 3, Slow);
        return status;
    }

    [Fact]
    public void NeverChecked_IsUnknown() => Assert.Equal(ListenerState.Unknown, DeploymentStatus.New("main", Now).State);

    [Fact]
    public void OneBlip_IsNotAnOutage_ButTheThirdFailureInARowIs()
    {
        var status = Up();

        var changes = Enumerable.Range(1, 3).Select(i => status.Record(Failed, Now.AddMinutes(i), 3, Slow)).ToList();

        Assert.Equal([null, null, ListenerState.Up], changes);
        Assert.Equal((ListenerState.Down, Now.AddMinutes(3), 3), (status.State, status.Since, status.ConsecutiveFailures));
    }

    [Fact]
    public void AnAnswerAfterAnOutage_IsARecovery()
    {
        var status = Up();
        for (var i = 1; i <= 3; i++)
        {
            status.Record(Failed, Now.AddMinutes(i), 3, Slow);
        }

        Assert.Equal(ListenerState.Down, status.Record(Healthy, Now.AddMinutes(4), 3, Slow));
        Assert.Equal((ListenerState.Up, 0), (status.State, status.ConsecutiveFailures));
    }

    [Theory]
    [InlineData(false, null, 40)]
    [InlineData(null, false, 40)]
    [InlineData(null, null, 2500)]
    public void RedisOrCreatioFailing_OrSlow_IsDegraded(bool? redisUp, bool? creatioUp, int latency)
    {
        var status = Up();

        var before = status.Record(new ProbeResult(true, 200, latency, "{}", null, RedisUp: redisUp, CreatioUp: creatioUp), Now.AddMinutes(1), 3, Slow);

        Assert.Equal((ListenerState.Up, ListenerState.Degraded), (before, status.State));
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(50, 1)]
    [InlineData(51, 2)]
    [InlineData(120, 3)]
    public void OneReplicaPerFiftyMailboxes_RoundedUp(int mailboxes, int replicas) => Assert.Equal(replicas, CreatioSettings.RecommendedReplicas(mailboxes));

    [Fact]
    public void CreatioSettings_AreTheExactValues()
    {
        Assert.Equal("https://listener.example.org/api/listeners", CreatioSettings.ServiceUri("https://listener.example.org/"));
        Assert.Equal("https://crm.example.org/0/ServiceModel/ExchangeListenerService.svc/NewEmail", CreatioSettings.EventsEndpointUrl("https://crm.example.org"));
    }
}
