using Switchboard.Domain.ChatOps;

namespace Switchboard.UnitTests.ChatOps;

public sealed class BridgeTests
{
    private static readonly DateTime Now = new(2026, 11, 24, 8, 0, 0, DateTimeKind.Utc);

    private static Bridge Make(string url, string? success = null) => Bridge.Create(
        new BridgeSettings("helpdesk", ["112"], url, 1, TicketType.Incident, null, null, success, null, true), new BridgeSecretsProtected(("p", 1), "a", "u"), Now);

    [Fact]
    public void TicketUrl_PointsAtGlpisWebInterface() =>
        Assert.Equal("https://glpi.example.org/front/ticket.form.php?id=42", Make("https://glpi.example.org/apirest.php/").TicketUrl(42));

    [Fact]
    public void Replies_FillInTicketUrlAndReference() =>
        Assert.Equal("#42 at https://x/front/ticket.form.php?id=42 (7)", Make("https://x/apirest.php", "#{ticket} at {url} ({call})").SuccessText(42, "https://x/front/ticket.form.php?id=42", 7));

    [Fact]
    public void SecretsLeftOutOfAnUpdate_AreKept()
    {
        var bridge = Make("https://x/apirest.php");

        bridge.Update(new BridgeSettings("helpdesk", ["112"], "https://y/apirest.php", 1, TicketType.Request, 3, null, null, null, true), new BridgeSecretsProtected(null, null, "u2"), Now);

        Assert.Equal(("p", 1, "a", "u2"), (bridge.ProtectedWebhookTokens, bridge.WebhookTokenCount, bridge.ProtectedAppToken, bridge.ProtectedUserToken));
    }

    [Theory]
    [InlineData("helpdesk-112", true)]
    [InlineData("Helpdesk", false)]
    [InlineData("-x", false)]
    [InlineData("a b", false)]
    public void Names_AreUrlSafe(string name, bool valid) => Assert.Equal(valid, Bridge.IsValidName(name));
}
