using Switchboard.Domain.Notifications;

namespace Switchboard.Portal.Features.Notifications;

/// <summary>How pages name a message's channel and its recipient.</summary>
public static class ChannelLabels
{
    public static string Of(DeliveryChannel channel) => channel switch
    {
        DeliveryChannel.MattermostDirect => "Mattermost DM",
        DeliveryChannel.MattermostChannel => "Mattermost channel",
        _ => "E-mail",
    };

    /// <summary>The e-mail address, the Mattermost user's username, or the webhook's channel (whose URL is never shown).</summary>
    public static string Recipient(DeliveryChannel channel, string email, string? username) => channel switch
    {
        DeliveryChannel.MattermostDirect => $"@{username?.ToLowerInvariant()}",
        DeliveryChannel.MattermostChannel => "the configuration's incoming webhook",
        _ => email,
    };
}
