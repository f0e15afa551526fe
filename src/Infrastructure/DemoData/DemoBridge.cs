using Switchboard.Domain.ChatOps;
using Switchboard.Domain.Retries;
using Switchboard.Infrastructure.ChatOps;

namespace Switchboard.Infrastructure.DemoData;

/// <summary>
/// The embedded default's demo bridge: trigger word 112, pointing at the GLPI simulator as started by the README
/// (<c>http://localhost:8081/apirest.php</c>, its tokens), with a morning of calls in the log.
/// </summary>
public static class DemoBridge
{
    public const string Name = "helpdesk-112";
    public const string WebhookToken = "demo-outgoing-webhook-token";

    public static Bridge Create(BridgeSecrets secrets, DateTime now) => Bridge.Create(
        new BridgeSettings(Name, ["112"], "http://localhost:8081/apirest.php", 1, TicketType.Incident, null, null, null, null, Enabled: true),
        secrets.Protect([WebhookToken], "sim-app-token", "sim-user-token"),
        now.AddDays(-3));

    public static IReadOnlyList<BridgeCall> Calls(int bridgeId, DateTime now)
    {
        var created = BridgeCall.Receive(bridgeId, Post("jan.novak", "p1", "the printer on floor 2 is jammed"), "112", "the printer on floor 2 is jammed", now.AddHours(-5));
        created.MarkCreated(1042, 180, now.AddHours(-5));
        var second = BridgeCall.Receive(bridgeId, Post("petra.svobodova", "p2", "VPN drops every ten minutes"), "112", "VPN drops every ten minutes", now.AddHours(-3));
        second.MarkCreated(1043, 210, now.AddHours(-3));
        var failed = BridgeCall.Receive(bridgeId, Post("lucie.cerna", "p3", "new badge for the night shift"), "112", "new badge for the night shift", now.AddHours(-1));
        failed.MarkFailed("ERROR_GLPI_ADD", "You don't have permission to perform this action.; view documentation in your browser at http://localhost:8081/apirest.php/#ERROR_GLPI_ADD", 95, now.AddHours(-1), new RetrySchedule(1, TimeSpan.FromSeconds(30)));
        var empty = BridgeCall.Receive(bridgeId, Post("pavel.benes", "p4", ""), "112", "", now.AddMinutes(-30));
        return [created, second, failed, empty];
    }

    private static WebhookPost Post(string user, string postId, string text) =>
        new(null, $"demo{postId}", user, $"u-{user}", "town-square", "c-demo", "hospital", "t-demo", $"112 {text}", "112");
}
