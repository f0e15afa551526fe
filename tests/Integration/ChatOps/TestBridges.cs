using Microsoft.Extensions.DependencyInjection;
using Switchboard.Domain.ChatOps;
using Switchboard.Infrastructure.ChatOps;

namespace Switchboard.IntegrationTests.ChatOps;

/// <summary>What the ChatOps tests set up and send: a bridge to the GLPI simulator, and Mattermost's outgoing-webhook payload.</summary>
internal static class TestBridges
{
    /// <summary>Saves a bridge named <paramref name="name"/> (as an Admin) that opens tickets in <paramref name="glpi"/>.</summary>
    /// <param name="tokens">The outgoing webhook tokens it accepts, one per line.</param>
    public static async Task SaveAsync(
        IServiceProvider services, string name, SimulatedGlpi glpi, string tokens, string triggerWords = "112",
        TicketType ticketType = TicketType.Incident, int? urgency = null)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ChatOpsService>().SaveAsync(TestPeople.Admin, null, new BridgeForm
        {
            Name = name,
            TriggerWords = triggerWords,
            WebhookTokens = tokens,
            GlpiUrl = glpi.ApiUrl,
            AppToken = glpi.State.AppToken,
            UserToken = glpi.State.UserToken,
            RequestSourceId = 7,
            TicketType = ticketType,
            Urgency = urgency,
        }, TestContext.Current.CancellationToken);
    }

    /// <summary>The fields Mattermost posts for a message starting with a trigger word (as JSON or as a form).</summary>
    public static Dictionary<string, string> Payload(string text, string postId, string user, string token) => new()
    {
        ["token"] = token,
        ["team_id"] = "t1",
        ["team_domain"] = "hospital",
        ["channel_id"] = "c1",
        ["channel_name"] = "town-square",
        ["timestamp"] = "1732435200000",
        ["user_id"] = "u-" + user,
        ["user_name"] = user,
        ["post_id"] = postId,
        ["text"] = text,
        ["trigger_word"] = "112",
        ["file_ids"] = "",
    };
}
