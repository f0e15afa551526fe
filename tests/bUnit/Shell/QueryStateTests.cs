using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Portal;
using Switchboard.Portal.Components;

namespace Switchboard.ComponentTests.Shell;

/// <summary>The page's state in the address: a step is a history entry Back returns from, a refinement replaces the entry.</summary>
public sealed class QueryStateTests : ComponentTestContext
{
    private BunitNavigationManager Navigation => Services.GetRequiredService<BunitNavigationManager>();

    private QueryState Query => Services.GetRequiredService<QueryState>();

    public QueryStateTests() => Services.GetRequiredService<NavigationManager>().NavigateTo(PageRoutes.Notifications);

    [Fact]
    public void Push_AddsAHistoryEntry_WithTheValuesInTheQuery()
    {
        var before = Navigation.History.Count;

        Query.Push(new Dictionary<string, object?> { ["tab"] = "delivery-log", ["status"] = "Dead" });

        Assert.Equal("http://localhost/notifications?tab=delivery-log&status=Dead", Navigation.Uri);
        Assert.Equal(before + 1, Navigation.History.Count);
        Assert.False(Navigation.History.First().Options.ReplaceHistoryEntry);
    }

    [Fact]
    public void Replace_ReplacesTheEntry_AndANullValueLeavesTheQuery()
    {
        Query.Push(new Dictionary<string, object?> { ["tab"] = "delivery-log", ["status"] = "Dead" });

        Query.Replace(new Dictionary<string, object?> { ["status"] = null });

        Assert.Equal("http://localhost/notifications?tab=delivery-log", Navigation.Uri);
        Assert.True(Navigation.History.First().Options.ReplaceHistoryEntry);
    }

    [Fact]
    public void WithReturn_CarriesThisPagesAddress_AndReturnToGoesBackThereOnly_WhenItIsLocal()
    {
        Query.Push(new Dictionary<string, object?> { ["tab"] = "topics" });

        var href = Query.WithReturn(PageRoutes.NewTopic);

        Assert.Equal("/notifications/topics/new?returnUrl=%2Fnotifications%3Ftab%3Dtopics", href);
        Assert.Equal("/notifications?tab=topics", QueryState.ReturnTo("/notifications?tab=topics", PageRoutes.Notifications));
        Assert.Equal("/", QueryState.ReturnTo("//evil.example/", PageRoutes.Notifications));
        Assert.Equal(PageRoutes.Notifications, QueryState.ReturnTo(null, PageRoutes.Notifications));
    }
}
