namespace Switchboard.Infrastructure.Mattermost;

/// <summary>
/// Notifications as Mattermost direct messages (<c>Notifications:Mattermost</c>): they come from a bot account, calling the
/// server of <see cref="MattermostOptions.Url"/> with the bot's token. Channel posts through incoming webhooks need none of
/// this (each configuration stores its webhook). The bot token is a secret: give it by environment.
/// </summary>
public sealed class MattermostNotificationOptions
{
    public const string SectionName = "Notifications:Mattermost";

    /// <summary>Direct messages are sent; off, configurations may still choose them, and their messages wait failed with the reason.</summary>
    public bool Enabled { get; set; }

    /// <summary>The bot account's access token (System Console › Integrations › Bot Accounts); never logged or shown.</summary>
    public string? BotToken { get; set; }

    /// <summary>How often the Mattermost sender looks for messages due again (new messages ring it at once).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    public bool Configured => Enabled && !string.IsNullOrWhiteSpace(BotToken);
}
