using Microsoft.Extensions.Options;

namespace Switchboard.Infrastructure.Mattermost;

/// <summary>Direct messages need the bot's token and the server's address; every problem is named by its key.</summary>
internal sealed class MattermostNotificationOptionsValidator(IOptions<MattermostOptions> mattermost) : IValidateOptions<MattermostNotificationOptions>
{
    public ValidateOptionsResult Validate(string? name, MattermostNotificationOptions options)
    {
        var failures = new List<string>();
        const string Section = MattermostNotificationOptions.SectionName;
        if (options.Enabled && string.IsNullOrWhiteSpace(options.BotToken))
        {
            failures.Add($"{Section}:BotToken is required when {Section}:Enabled is true (the bot account's access token; give it by environment).");
        }

        if (options.Enabled && !(Uri.TryCreate(mattermost.Value.Url, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"))
        {
            failures.Add($"{MattermostOptions.SectionName}:Url must be the server's http(s) address when {Section}:Enabled is true.");
        }

        if (options.PollInterval < TimeSpan.FromSeconds(1) || options.PollInterval > TimeSpan.FromHours(1))
        {
            failures.Add($"{Section}:PollInterval must be between 1 second and 1 hour.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
