using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace Switchboard.Infrastructure.Mattermost;

/// <summary>
/// The calls the portal makes to Mattermost: the token job's REST API v4 calls with the admin token as bearer; the
/// notification sender's direct messages with the bot's token (<see cref="MattermostNotificationOptions.BotToken"/>), and
/// its posts through incoming webhooks (whose URL is the credential).
/// </summary>
public sealed class MattermostClient(HttpClient http, IOptions<MattermostOptions> options, IOptions<MattermostNotificationOptions> notifications, TimeProvider time)
{
    public const string DisabledTokensErrorId = "app.user_access_token.disabled";
    public const string TokensDisabledReason = "user access tokens are disabled on the server";

    /// <summary>How every token Switchboard creates is described in Mattermost (followed by the date).</summary>
    public const string TokenDescription = "Switchboard token regeneration";

    /// <summary>Is the server there and does it take the admin token? Never throws.</summary>
    public async Task<MattermostCheck> CheckAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Configured)
        {
            return new MattermostCheck(false, "integration not configured", null);
        }

        try
        {
            using var response = await SendAsync(Request(HttpMethod.Get, "api/v4/users/me"), cancellationToken);
            // X-Version-Id is "9.11.0.<build>.<hash>.<enterprise>": the first three parts are the version.
            var version = response.Headers.TryGetValues("X-Version-Id", out var values) ? string.Join('.', values.First().Split('.').Take(3)) : null;
            return response.StatusCode switch
            {
                HttpStatusCode.OK => new MattermostCheck(true, null, version),
                HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => new MattermostCheck(false, "admin token rejected", version),
                _ => new MattermostCheck(false, $"server answered {(int)response.StatusCode}", version),
            };
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new MattermostCheck(false, "server unreachable", null);
        }
    }

    /// <summary>
    /// The Mattermost user by username (lower-cased: Mattermost usernames are lower-case only), or else by e-mail; null
    /// when neither is known. A username Mattermost refuses as invalid (400) falls back to the e-mail like an unknown one (404).
    /// </summary>
    public Task<MattermostUser?> FindUserAsync(string username, string? email, CancellationToken cancellationToken) =>
        FindUserAsync(username, email, options.Value.AdminToken, cancellationToken);

    /// <summary>
    /// The recipient of a direct message, found as the token job finds people (<see cref="FindUserAsync(string, string, CancellationToken)"/>),
    /// asked as the bot: where e-mail addresses are hidden, the look-up by e-mail answers 403 to anyone but an admin, which
    /// means the bot cannot find the person that way.
    /// </summary>
    public async Task<MattermostUser?> FindRecipientAsync(string username, string? email, CancellationToken cancellationToken)
    {
        try
        {
            return await FindUserAsync(username, email, notifications.Value.BotToken, cancellationToken);
        }
        catch (MattermostApiException forbidden) when (forbidden.StatusCode == 403 && !string.IsNullOrWhiteSpace(email))
        {
            return null;
        }
    }

    private async Task<MattermostUser?> FindUserAsync(string username, string? email, string? token, CancellationToken cancellationToken) =>
        await GetUserAsync($"api/v4/users/username/{Uri.EscapeDataString(username.Trim().ToLowerInvariant())}", token, cancellationToken)
        ?? (string.IsNullOrWhiteSpace(email) ? null : await GetUserAsync($"api/v4/users/email/{Uri.EscapeDataString(email.Trim())}", token, cancellationToken));

    /// <summary>The bot account the bot token belongs to (<c>GET /api/v4/users/me</c>).</summary>
    public async Task<MattermostUser> BotUserAsync(CancellationToken cancellationToken) =>
        await GetUserAsync("api/v4/users/me", notifications.Value.BotToken, cancellationToken)
        ?? throw new MattermostApiException(404, "switchboard.bot_missing", "Mattermost does not know the bot token's user.");

    /// <summary>The direct channel between the bot and a user, created unless it exists (<c>POST /api/v4/channels/direct</c>, 201 either way).</summary>
    public async Task<string> DirectChannelAsync(string botUserId, string userId, CancellationToken cancellationToken)
    {
        var request = Request(HttpMethod.Post, "api/v4/channels/direct", notifications.Value.BotToken);
        request.Content = JsonContent.Create(new[] { botUserId, userId });
        using var response = await SendAsync(request, cancellationToken);
        await ThrowUnlessSuccessAsync(response, cancellationToken);
        var channel = await response.Content.ReadFromJsonAsync<IdResponse>(cancellationToken);
        return channel?.Id ?? throw new MattermostApiException((int)response.StatusCode, "switchboard.empty_body", "Mattermost answered without the channel.");
    }

    /// <summary>A post by the bot in a channel (<c>POST /api/v4/posts</c>); returns the post's id.</summary>
    public async Task<string> CreatePostAsync(string channelId, string message, CancellationToken cancellationToken)
    {
        var request = Request(HttpMethod.Post, "api/v4/posts", notifications.Value.BotToken);
        request.Content = JsonContent.Create(new PostRequest(channelId, message));
        using var response = await SendAsync(request, cancellationToken);
        await ThrowUnlessSuccessAsync(response, cancellationToken);
        var post = await response.Content.ReadFromJsonAsync<IdResponse>(cancellationToken);
        return post?.Id ?? throw new MattermostApiException((int)response.StatusCode, "switchboard.empty_body", "Mattermost answered without the post.");
    }

    /// <summary>
    /// A post through an incoming webhook (<c>POST /hooks/{id}</c>, JSON <c>{"text": …}</c>; Mattermost answers 200 <c>ok</c>).
    /// The URL is the credential: it is never part of an exception's message.
    /// </summary>
    public async Task PostToWebhookAsync(string webhookUrl, string text, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(webhookUrl)) { Content = JsonContent.Create(new WebhookRequest(text)) };
        using var response = await SendAsync(request, cancellationToken);
        await ThrowUnlessSuccessAsync(response, cancellationToken);
    }

    /// <summary>A token for Switchboard: described with today's date, living <see cref="MattermostOptions.TokenLifetime"/> (zero: forever).</summary>
    public Task<CreatedToken> CreateSwitchboardTokenAsync(string userId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var lifetime = options.Value.TokenLifetime;
        return CreateTokenAsync(userId, $"{TokenDescription} {now:yyyy-MM-dd}", lifetime > TimeSpan.Zero ? now + lifetime : null, cancellationToken);
    }

    private async Task<CreatedToken> CreateTokenAsync(string userId, string description, DateTimeOffset? expiresAt, CancellationToken cancellationToken)
    {
        var request = Request(HttpMethod.Post, $"api/v4/users/{Uri.EscapeDataString(userId)}/tokens");
        request.Content = JsonContent.Create(new TokenRequest(description, expiresAt?.ToUnixTimeMilliseconds() ?? 0));
        using var response = await SendAsync(request, cancellationToken);
        await ThrowUnlessSuccessAsync(response, cancellationToken);
        var created = await response.Content.ReadFromJsonAsync<TokenResponse>(cancellationToken)
            ?? throw new MattermostApiException((int)response.StatusCode, "switchboard.empty_body", "Mattermost answered without a token.");
        return new CreatedToken(created.Id, created.Token, created.ExpiresAt > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(created.ExpiresAt).UtcDateTime : null);
    }

    /// <summary>The ids of the user's active tokens that Switchboard created (by their description); Mattermost never lists the token itself.</summary>
    public async Task<IReadOnlyList<string>> SwitchboardTokenIdsAsync(string userId, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(Request(HttpMethod.Get, $"api/v4/users/{Uri.EscapeDataString(userId)}/tokens?page=0&per_page=200"), cancellationToken);
        await ThrowUnlessSuccessAsync(response, cancellationToken);
        var tokens = await response.Content.ReadFromJsonAsync<List<TokenListing>>(cancellationToken) ?? [];
        return [.. tokens.Where(t => t.IsActive && t.Description.StartsWith(TokenDescription, StringComparison.Ordinal)).Select(t => t.Id)];
    }

    public async Task RevokeTokenAsync(string tokenId, CancellationToken cancellationToken)
    {
        var request = Request(HttpMethod.Post, "api/v4/users/tokens/revoke");
        request.Content = JsonContent.Create(new { token_id = tokenId });
        using var response = await SendAsync(request, cancellationToken);
        await ThrowUnlessSuccessAsync(response, cancellationToken);
    }

    private async Task<MattermostUser?> GetUserAsync(string path, string? token, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(Request(HttpMethod.Get, path, token), cancellationToken);
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest)
        {
            // 404: nobody by that name; 400 (api.context.invalid_param.app_error): not a name Mattermost can hold, so nobody either.
            return null;
        }

        await ThrowUnlessSuccessAsync(response, cancellationToken);
        var user = await response.Content.ReadFromJsonAsync<UserResponse>(cancellationToken);
        return user is null ? null : new MattermostUser(user.Id, user.Username);
    }

    /// <summary>
    /// One call through the Mattermost resilience pipeline (<see cref="Http.HttpResilience.AddMattermostResilience"/>); an
    /// attempt that ran out of time surfaces as <c>HttpClient</c>'s own timeout does, a <see cref="TaskCanceledException"/>
    /// around a <see cref="TimeoutException"/>.
    /// </summary>
    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await http.SendAsync(request, cancellationToken);
        }
        catch (TimeoutRejectedException timedOut)
        {
            throw new TaskCanceledException($"Mattermost did not answer within {options.Value.RequestTimeout.TotalSeconds:0.#} s.", new TimeoutException(timedOut.Message, timedOut));
        }
    }

    private HttpRequestMessage Request(HttpMethod method, string path, string? token = null)
    {
        var request = new HttpRequestMessage(method, new Uri(new Uri(options.Value.Url!.TrimEnd('/') + "/"), path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token ?? options.Value.AdminToken);
        return request;
    }

    private static async Task ThrowUnlessSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        string id = "", message = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            using var error = JsonDocument.Parse(message);
            id = error.RootElement.TryGetProperty("id", out var i) ? i.GetString() ?? "" : "";
            message = error.RootElement.TryGetProperty("message", out var m) ? m.GetString() ?? "" : message;
        }
        catch (JsonException)
        {
            // Not an AppError (a proxy's page, the rate limiter's text): keep the text.
        }

        throw new MattermostApiException((int)response.StatusCode, id, message.Length > 300 ? message[..300] : message.Trim());
    }

    private sealed record TokenRequest([property: JsonPropertyName("description")] string Description, [property: JsonPropertyName("expires_at")] long ExpiresAt);

    private sealed record TokenResponse(
        [property: JsonPropertyName("id")] string Id, [property: JsonPropertyName("token")] string Token, [property: JsonPropertyName("expires_at")] long ExpiresAt);

    private sealed record TokenListing(
        [property: JsonPropertyName("id")] string Id, [property: JsonPropertyName("description")] string Description, [property: JsonPropertyName("is_active")] bool IsActive);

    private sealed record IdResponse([property: JsonPropertyName("id")] string Id);

    private sealed record PostRequest([property: JsonPropertyName("channel_id")] string ChannelId, [property: JsonPropertyName("message")] string Message);

    private sealed record WebhookRequest([property: JsonPropertyName("text")] string Text);

    private sealed record UserResponse([property: JsonPropertyName("id")] string Id, [property: JsonPropertyName("username")] string Username);
}

public sealed record MattermostCheck(bool Usable, string? Problem, string? ServerVersion);

public sealed record MattermostUser(string Id, string Username);

/// <summary>A new token: hold it only long enough to encrypt it.</summary>
public sealed record CreatedToken(string Id, string Token, DateTime? ExpiresAt)
{
    public override string ToString() => $"CreatedToken {{ Id = {Id}, Token = (hidden), ExpiresAt = {ExpiresAt} }}";
}
