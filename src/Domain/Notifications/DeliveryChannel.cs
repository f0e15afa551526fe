namespace Switchboard.Domain.Notifications;

/// <summary>How an outbox message goes out: each channel has its own messages in the one outbox, and its own sender.</summary>
public enum DeliveryChannel
{
    /// <summary>An e-mail to the recipient's address.</summary>
    Email,

    /// <summary>A direct message from the portal's bot account to the recipient's Mattermost user.</summary>
    MattermostDirect,

    /// <summary>A post in the channel of the configuration's incoming webhook.</summary>
    MattermostChannel,
}
