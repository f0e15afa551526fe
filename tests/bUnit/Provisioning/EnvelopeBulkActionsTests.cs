using Bunit;
using Switchboard.Domain.Access;
using Switchboard.Portal.Features.Provisioning;

namespace Switchboard.ComponentTests.Provisioning;

public sealed class EnvelopeBulkActionsTests : ComponentTestContext
{
    private IRenderedComponent<EnvelopeBulkActions> Render(string? rerunBlockedBecause)
    {
        SignInAs("otto.operator", PortalRole.Operator);
        return Render<EnvelopeBulkActions>(p => p
            .Add(c => c.Selected, 3)
            .Add(c => c.Matching, 9)
            .Add(c => c.MatchingText, "9")
            .Add(c => c.RerunBlockedBecause, rerunBlockedBecause));
    }

    private static AngleSharp.Dom.IElement Button(IRenderedComponent<EnvelopeBulkActions> bar, string text) =>
        bar.FindAll("button").Single(b => b.TextContent.Trim() == text);

    [Fact]
    public void WithoutABroker_RerunAllMatchingAndRerunSelected_AreDisabled_SayingWhy()
    {
        var bar = Render("No broker is configured (Provisioning:RabbitMq:Uri), so nothing can be rerun from here.");

        Assert.True(Button(bar, "Rerun all 9 matching").HasAttribute("disabled"));
        Assert.True(Button(bar, "Rerun").HasAttribute("disabled"));
        Assert.Equal("No broker is configured (Provisioning:RabbitMq:Uri), so nothing can be rerun from here.", Button(bar, "Rerun").GetAttribute("title"));
        Assert.Contains("No broker is configured", bar.Find("[aria-label='Rerun not possible']").TextContent, StringComparison.Ordinal);

        // Only reruns need the broker.
        Assert.False(Button(bar, "Archive").HasAttribute("disabled"));
        Assert.False(Button(bar, "Resolve").HasAttribute("disabled"));
    }

    [Fact]
    public void WithABroker_Reruns_AreEnabled_WithoutANote()
    {
        var bar = Render(null);

        Assert.False(Button(bar, "Rerun all 9 matching").HasAttribute("disabled"));
        Assert.False(Button(bar, "Rerun").HasAttribute("disabled"));
        Assert.Empty(bar.FindAll("[aria-label='Rerun not possible']"));
    }
}
