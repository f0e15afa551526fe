using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Domain.Access;
using Switchboard.Infrastructure.Changes;
using Switchboard.Portal.Components;

namespace Switchboard.ComponentTests.Shell;

/// <summary>A page that follows the change feed through <see cref="PortalComponentBase"/>: it reads again and renders on a notice, and stops when it goes away.</summary>
public sealed class LivePageTests : ComponentTestContext
{
    public LivePageTests() => SignInAs("vera.viewer", PortalRole.Viewer);

    private ChangeFeed Feed => Services.GetRequiredService<ChangeFeed>();

    [Fact]
    public void NoticeOfAKindThePageShows_RendersWhatItReadsAgain()
    {
        var page = Render<LiveProbe>();
        Assert.Equal("read 0 times", page.Find("p").TextContent);

        Feed.Publish(ChangeKind.AuditEntry);

        page.WaitForAssertion(() => Assert.Equal("read 1 times", page.Find("p").TextContent));
    }

    [Fact]
    public async Task LeavingThePage_Unsubscribes()
    {
        var before = Feed.SubscriptionCount;
        var page = Render<LiveProbe>();
        Assert.Equal(before + 1, Feed.SubscriptionCount);

        Feed.Publish(ChangeKind.AuditEntry);
        page.WaitForAssertion(() => Assert.Equal("read 1 times", page.Find("p").TextContent));

        await DisposeComponentsAsync();
        Assert.Equal(before, Feed.SubscriptionCount);
    }

    /// <summary>A page that shows how often it read again after an audit change.</summary>
    private sealed class LiveProbe : PortalComponentBase
    {
        private int _reads;

        protected override void OnInitialized() => RefreshOn(ChangeKind.AuditEntry, () =>
        {
            _reads++;
            return Task.CompletedTask;
        });

        protected override void BuildRenderTree(RenderTreeBuilder builder)
        {
            builder.OpenElement(0, "p");
            builder.AddContent(1, $"read {_reads} times");
            builder.CloseElement();
        }
    }
}
