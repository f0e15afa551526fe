using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Switchboard.Domain.Notifications;
using Switchboard.Domain.Retries;
using Switchboard.Infrastructure.Email;
using Switchboard.Infrastructure.Notifications;
using Switchboard.Infrastructure.Persistence;
using Switchboard.Infrastructure.Telemetry;

namespace Switchboard.Infrastructure.Mattermost;

/// <summary>
/// One run of the Mattermost sender: due Mattermost messages of the outbox are claimed in chunks with a lease (the e-mail
/// sender never takes them, nor this one e-mails), delivered one by one through <see cref="MattermostClient"/> (its
/// resilience pipeline waits out the server's rate limiter on a 429 and tries transient failures again), and their
/// outcomes stored. A direct message goes from the bot to the recipient's Mattermost user, found as the token job finds
/// people (lower-cased username, then e-mail), in the direct channel between the two; a channel post goes through the
/// configuration's incoming webhook, decrypted only here. Mattermost's own error (status, id, message) is what a failed
/// attempt records; the webhook URL never is. Look-ups are remembered for the run.
/// </summary>
internal sealed partial class MattermostDelivery(
    IDbContextFactory<SwitchboardDbContext> contexts, MattermostClient client, MattermostWebhookSecrets webhooks, MattermostNotificationOptions settings,
    RetrySchedule retries, TimeSpan lease, SwitchboardMetrics metrics, TimeProvider time, ILogger logger)
{
    public const int ChunkSize = 50;

    private readonly Dictionary<string, string?> _users = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _directChannels = new(StringComparer.Ordinal);
    private readonly Dictionary<int, string?> _webhooks = [];
    private string? _botUserId;

    public int Sent { get; private set; }

    public int Failed { get; private set; }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var chunk = await ClaimAsync(cancellationToken);
            if (chunk.Count == 0)
            {
                return;
            }

            var sent = 0;
            try
            {
                await LoadWebhooksAsync(chunk, cancellationToken);
                foreach (var message in chunk)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var (reply, error) = await DeliverAsync(message, cancellationToken);
                    Record(message, reply, error);
                    sent += error is null ? 1 : 0;
                }
            }
            finally
            {
                // Attempted messages keep their outcome; the ones a stop left unattempted are released for the next run.
                foreach (var message in chunk)
                {
                    message.Release();
                }

                await StoreAsync(chunk);
            }

            if (sent == 0)
            {
                return; // nothing in this chunk went out: the server is refusing, the rest wait for their next attempt
            }
        }
    }

    private async Task<(string? Reply, string? Error)> DeliverAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        try
        {
            return message.Channel switch
            {
                DeliveryChannel.MattermostDirect => (await DirectMessageAsync(message, cancellationToken), null),
                DeliveryChannel.MattermostChannel => (await ChannelPostAsync(message, cancellationToken), null),
                _ => (null, $"not a Mattermost message ({message.Channel})"),
            };
        }
        catch (NotDeliverableException refused)
        {
            return (null, refused.Message);
        }
        catch (MattermostApiException answered)
        {
            return (null, $"Mattermost answered {answered.Message}");
        }
        catch (System.Text.Json.JsonException unreadable)
        {
            // A success whose body is not the channel or post Mattermost describes (a proxy's page): an attempt that failed, not a stopped run.
            return (null, $"Mattermost's answer could not be read: {unreadable.Message}");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            LogUnreachable(logger, ex.Message);
            return (null, $"Mattermost unreachable: {ex.Message}");
        }
    }

    private async Task<string> DirectMessageAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        if (!settings.Configured)
        {
            throw new NotDeliverableException(
                $"Mattermost direct messages are off: set {MattermostNotificationOptions.SectionName}:Enabled and {MattermostNotificationOptions.SectionName}:BotToken.");
        }

        var username = message.RecipientUsername ?? throw new NotDeliverableException("the message names no username to look up in Mattermost");
        _botUserId ??= (await client.BotUserAsync(cancellationToken)).Id;
        var key = username.Trim().ToLowerInvariant();
        if (!_users.TryGetValue(key, out var userId))
        {
            userId = (await client.FindRecipientAsync(username, message.RecipientEmail, cancellationToken))?.Id;
            _users[key] = userId;
        }

        if (userId is null)
        {
            throw new NotDeliverableException($"{username} has no Mattermost user (looked up by username {key}, then by e-mail)");
        }

        if (!_directChannels.TryGetValue(userId, out var channelId))
        {
            channelId = await client.DirectChannelAsync(_botUserId, userId, cancellationToken);
            _directChannels[userId] = channelId;
        }

        return $"post {await client.CreatePostAsync(channelId, message.TextBody, cancellationToken)}";
    }

    private async Task<string> ChannelPostAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var protectedUrl = _webhooks.GetValueOrDefault(message.ConfigurationId)
            ?? throw new NotDeliverableException($"configuration {message.ConfigurationId} has no incoming webhook stored (or was deleted)");
        string url;
        try
        {
            url = webhooks.Unprotect(protectedUrl);
        }
        catch (CryptographicException)
        {
            throw new NotDeliverableException($"the webhook of configuration {message.ConfigurationId} cannot be decrypted (the key ring changed?): give its URL again");
        }

        await client.PostToWebhookAsync(url, message.TextBody, cancellationToken);
        return "ok";
    }

    private async Task LoadWebhooksAsync(List<OutboxMessage> chunk, CancellationToken cancellationToken)
    {
        var ids = chunk.Where(m => m.Channel == DeliveryChannel.MattermostChannel && !_webhooks.ContainsKey(m.ConfigurationId))
            .Select(m => m.ConfigurationId).Distinct().ToList();
        if (ids.Count == 0)
        {
            return;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var stored = await db.NotificationConfigurations.AsNoTracking().Where(c => ids.Contains(c.Id))
            .Select(c => new { c.Id, c.ProtectedWebhookUrl }).ToDictionaryAsync(c => c.Id, c => c.ProtectedWebhookUrl, cancellationToken);
        foreach (var id in ids)
        {
            _webhooks[id] = stored.GetValueOrDefault(id);
        }
    }

    private void Record(OutboxMessage message, string? reply, string? error)
    {
        if (error is null)
        {
            message.MarkSent(reply, Now);
            Sent++;
        }
        else
        {
            message.MarkFailed(error, Now, retries);
            Failed++;
        }

        metrics.MessageDelivered(message.Status switch { MessageStatus.Sent => "sent", MessageStatus.Dead => "dead", _ => "failed" });
    }

    private async Task<List<OutboxMessage>> ClaimAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await OutboxStore.ClaimChannelsAsync(db, OutboxStore.MattermostChannels, Now, lease, ChunkSize, cancellationToken);
    }

    // Outcomes are written even when the run is being cancelled: a message that went out stays sent.
    private async Task StoreAsync(List<OutboxMessage> messages)
    {
        await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
        await OutboxStore.SaveOutcomesAsync(db, messages, CancellationToken.None);
    }

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    [LoggerMessage(Level = LogLevel.Warning, Message = "[Mattermost] a notification could not be delivered ({Error}); it waits for its next attempt")]
    private static partial void LogUnreachable(ILogger logger, string error);

    /// <summary>A message that cannot go out as it stands (no Mattermost user, no webhook): recorded as its attempt's error.</summary>
    private sealed class NotDeliverableException(string message) : Exception(message);
}
