using Bunit;
using MudBlazor;
using Switchboard.Domain.Notifications;
using Switchboard.Infrastructure.Notifications;
using Switchboard.Portal.Features.Notifications;

namespace Switchboard.ComponentTests.Notifications;

public sealed class MessageFilterBarTests : ComponentTestContext
{
    private readonly List<MessageFilter> _raised = [];

    private IRenderedComponent<MessageFilterBar> RenderBar(MessageFilter filter) =>
        Render<MessageFilterBar>(p => p
            .Add(c => c.Filter, filter)
            .Add(c => c.Topics, [new TopicRow("identity:state-changed", null, "s"), new TopicRow("provisioning:failed", null, "s")])
            .Add(c => c.FilterChanged, (MessageFilter f) => _raised.Add(f)));

    [Fact]
    public async Task ChoosingAStatus_KeepsTheTopicFilter()
    {
        var bar = RenderBar(new MessageFilter(Topic: "provisioning:failed"));
        var status = bar.FindComponent<MudSelect<MessageStatus?>>();

        await bar.InvokeAsync(() => status.Instance.ValueChanged.InvokeAsync(MessageStatus.Dead));

        Assert.Equal(new MessageFilter(MessageStatus.Dead, "provisioning:failed"), _raised.Single());
    }

    [Fact]
    public async Task ChoosingATopic_KeepsTheStatusFilter()
    {
        var bar = RenderBar(new MessageFilter(MessageStatus.Failed));
        var topic = bar.FindComponents<MudSelect<string>>().Single(s => s.Instance.Label == "Topic");

        await bar.InvokeAsync(() => topic.Instance.ValueChanged.InvokeAsync("identity:state-changed"));

        Assert.Equal(new MessageFilter(MessageStatus.Failed, "identity:state-changed"), _raised.Single());
    }

    [Fact]
    public void TypingARecipient_FiltersByIt()
    {
        var bar = RenderBar(new MessageFilter());
        var recipient = bar.InputLabelled("Recipient");

        recipient.Input("dora@");
        recipient.Blur();

        bar.WaitForAssertion(() => Assert.Equal(new MessageFilter(Recipient: "dora@"), _raised.LastOrDefault()));
    }
}
