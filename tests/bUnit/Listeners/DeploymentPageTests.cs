using Switchboard.Domain.Listeners;
using Switchboard.Infrastructure.Listeners;
using Switchboard.Portal.Features.Listeners;

namespace Switchboard.ComponentTests.Listeners;

/// <summary>Which deployments one page of the Exchange Listeners list shows.</summary>
public sealed class DeploymentPageTests
{
    private static readonly IReadOnlyList<DeploymentView> Fifty =
    [
        .. Enumerable.Range(1, 46).Select(i => Deployment($"up-{i:00}", ListenerState.Up)),
        Deployment("never", ListenerState.Unknown),
        Deployment("slow", ListenerState.Degraded),
        Deployment("gone-1", ListenerState.Down),
        Deployment("gone-2", ListenerState.Down),
    ];

    [Fact]
    public void FirstPage_StartsWithWhatNeedsAttention_ThenTheUpOnesInTheirOrder()
    {
        var page = DeploymentPage.Of(Fifty, state: null, pageIndex: 0, size: 24);

        Assert.Equal((0, 3, 50), (page.Index, page.Count, page.Matching));
        Assert.Equal(["gone-1", "gone-2", "slow", "never", "up-01", "up-02"], page.Deployments.Take(6).Select(d => d.Name));
        Assert.Equal(24, page.Deployments.Count);
    }

    [Fact]
    public void OneState_ShowsOnlyThoseInIt()
    {
        var page = DeploymentPage.Of(Fifty, ListenerState.Down, pageIndex: 0, size: 24);

        Assert.Equal(["gone-1", "gone-2"], page.Deployments.Select(d => d.Name));
        Assert.Equal((1, 2), (page.Count, page.Matching));
    }

    [Fact]
    public void APagePastTheLast_IsTheLast()
    {
        var page = DeploymentPage.Of(Fifty, state: null, pageIndex: 9, size: 24);

        Assert.Equal(2, page.Index);
        Assert.Equal(["up-45", "up-46"], page.Deployments.Select(d => d.Name));
    }

    [Fact]
    public void NoDeploymentInTheState_IsOneEmptyPage() =>
        Assert.Equal((0, 1, 0, 0), DeploymentPage.Of([Deployment("fine", ListenerState.Up)], ListenerState.Down, 3, 24) is var page
            ? (page.Index, page.Count, page.Matching, page.Deployments.Count) : default);

    private static DeploymentView Deployment(string name, ListenerState state) =>
        new(name, $"http://{name}.example:8080", state, null, null, null, null, null, 2, null, null, HasRedis: false, HasCreatio: false);
}
