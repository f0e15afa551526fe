using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace Switchboard.Infrastructure.Mattermost;

/// <summary>The calls the token job makes to Mattermost's REST API v4, with the admin token as bearer.</summary>
public sealed class MattermostClient(HttpClient http, IOptions<MattermostOptions> options, TimeProvider time)
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
    public async Task<MattermostUser?> FindUserAsync(string username, string? email, CancellationToken cancellationToken) =>
        await GetUserAsync($"api/v4/users/username/{Uri.EscapeDataString(username.Trim().ToLowerInvariant())}", cancellationToken)
        ?? (string.IsNullOrWhiteSpace(email) ? null : await GetUserAsync($"api/v4/users/email/{Uri.EscapeDataString(email.Trim())}", cancellationToken));

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

    private async Task<MattermostUser?> GetUserAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(Request(HttpMethod.Get, path), cancellationToken);
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

    private HttpRequestMessage Request(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, new Uri(new Uri(options.Value.Url!.TrimEnd('/') + "/"), path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.Value.AdminToken);
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

    private sealed record UserResponse([property: JsonPropertyName("id")] string Id, [property: JsonPropertyName("username")] string Username);
}

public sealed record MattermostCheck(bool Usable, string? Problem, string? ServerVersion);

public sealed record MattermostUser(string Id, string Username);

/// <summary>A new token: hold it only long enough to encrypt it.</summary>
public sealed record CreatedToken(string Id, string Token, DateTime? ExpiresAt)
{
    public override string ToString() => $"CreatedToken {{ Id = {Id}, Token = (hidden), ExpiresAt = {ExpiresAt} }}";
}
