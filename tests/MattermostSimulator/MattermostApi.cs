using System.Text.Json;
using System.Text.Json.Serialization;

namespace Switchboard.MattermostSimulator;

/// <summary>
/// The part of Mattermost's REST API v4 the portal uses, as ../shared/contracts/mattermost describes it: bearer auth (the
/// admin's token or a bot's), AppError bodies, the user look-ups (usernames are lower-case only: anything else is 400), the
/// user access token endpoints, direct channels (<c>POST /api/v4/channels/direct</c>) and posts (<c>POST /api/v4/posts</c>),
/// incoming webhooks (<c>POST /hooks/{id}</c>: no auth, the id is the secret, 200 <c>ok</c> as text), the rate limiter
/// over all of it, plus latency and injected server errors for tests.
/// </summary>
public static class MattermostApi
{
    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public static void MapMattermostApi(this WebApplication app)
    {
        var state = app.Services.GetRequiredService<SimulatorState>();
        app.Use(async (context, next) =>
        {
            if (!context.Request.Path.StartsWithSegments("/api/v4") && !context.Request.Path.StartsWithSegments("/hooks"))
            {
                await next();
                return;
            }

            state.Enter();
            try
            {
                await ServeAsync(context, next, state);
            }
            finally
            {
                state.Leave();
            }
        });

        var api = app.MapGroup("/api/v4");
        api.MapGet("/system/ping", () => Results.Json(new { status = "OK" }));
        api.MapGet("/users/me", (HttpContext context) => Caller(context) == SimulatorState.AdminUserId
            ? Results.Json(UserJson(new SimUser(SimulatorState.AdminUserId, "sysadmin", "sysadmin@example.test")), Json)
            : Results.Json(UserJson(state.User(Caller(context))!), Json));
        api.MapGet("/users/username/{username}", (string username) =>
            !SimulatorState.IsValidUsername(username) ? InvalidParam("username")
            : state.UserByUsername(username) is { } user ? Results.Json(UserJson(user), Json)
            : MissingUser(username));
        api.MapGet("/users/email/{email}", (string email, HttpContext context) =>
            !state.ShowEmailAddress && Caller(context) != SimulatorState.AdminUserId ? Forbidden()
            : state.UserByEmail(email) is { } user ? Results.Json(UserJson(user), Json) : MissingUser(email));
        api.MapPost("/channels/direct", async (HttpRequest request) =>
        {
            var body = await ReadAsync(request);
            if (body is not { ValueKind: JsonValueKind.Array } ids || ids.GetArrayLength() != 2 || ids.EnumerateArray().Any(i => i.ValueKind != JsonValueKind.String))
            {
                return Error(400, "api.context.invalid_body_param.app_error", "Invalid or missing user_ids in request body.");
            }

            var (first, second) = (ids[0].GetString()!, ids[1].GetString()!);
            if (!IsId(first) || !IsId(second))
            {
                return Error(400, "api.context.invalid_body_param.app_error", "Invalid or missing user_id in request body.");
            }

            var caller = Caller(request.HttpContext);
            if (caller != first && caller != second && caller != SimulatorState.AdminUserId)
            {
                return Forbidden();
            }

            if (state.User(first) is null || state.User(second) is null)
            {
                return Error(400, "api.channel.create_direct_channel.invalid_user.app_error", "Invalid user ID for direct channel creation.");
            }

            return Results.Json(ChannelJson(state.DirectChannel(first, second), caller), statusCode: StatusCodes.Status201Created);
        });
        api.MapPost("/posts", async (HttpRequest request) =>
        {
            var body = await ReadAsync(request);
            if (body is not { ValueKind: JsonValueKind.Object } post)
            {
                return Error(400, "api.context.invalid_body_param.app_error", "Invalid or missing post in request body.");
            }

            var channelId = post.TryGetProperty("channel_id", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString()! : "";
            var message = post.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()! : "";
            var caller = Caller(request.HttpContext);
            // The permission check comes first: a channel that does not exist is one the caller may not post in.
            if (state.Channel(channelId) is not { } channel || (channel.Type == "D" && !channel.Members.Contains(caller)))
            {
                return Forbidden();
            }

            if (message.Length == 0)
            {
                return Error(400, "model.post.is_valid.msg.app_error", "Invalid Message.", $"id={channelId}");
            }

            var created = state.AddPost(channel.Id, caller, message);
            return Results.Json(PostJson(created), statusCode: StatusCodes.Status201Created);
        });
        app.MapPost("/hooks/{id}", async (string id, HttpRequest request) =>
        {
            if (!state.IncomingWebhooksEnabled)
            {
                return Error(501, "web.incoming_webhook.disabled.app_error", "Incoming webhooks have been disabled by the system admin.");
            }

            var payload = await ReadHookPayloadAsync(request);
            if (payload is not { ValueKind: JsonValueKind.Object } hookPost)
            {
                return Error(400, "web.incoming_webhook.parse.app_error", "Unable to parse incoming data.");
            }

            var text = hookPost.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "";
            if (text.Length == 0 && !hookPost.TryGetProperty("attachments", out _))
            {
                return Error(400, "web.incoming_webhook.text.app_error", "No text specified.");
            }

            if (state.Hook(id) is not { } hook)
            {
                return Error(400, "web.incoming_webhook.invalid.app_error", "Invalid webhook.");
            }

            state.AddPost(hook.ChannelId, SimulatorState.AdminUserId, text, hook.Id);
            return Results.Text("ok", "text/plain");
        });
        api.MapPost("/users/{userId}/tokens", async (string userId, HttpRequest request) =>
        {
            if (!state.UserAccessTokensEnabled)
            {
                return Error(501, "app.user_access_token.disabled",
                    "User access tokens are disabled on this server. Please contact your system administrator for details.");
            }

            var body = await ReadAsync(request);
            if (body is null || !body.Value.TryGetProperty("description", out var description) || description.ValueKind != JsonValueKind.String
                || description.GetString()!.Length == 0)
            {
                return Error(400, "api.context.invalid_body_param.app_error", "Invalid or missing description in request body.");
            }

            if (state.User(userId) is null)
            {
                return Error(404, "app.user.missing_account.const", "Unable to find the user.");
            }

            var expiresAt = body.Value.TryGetProperty("expires_at", out var expires) && expires.ValueKind == JsonValueKind.Number ? expires.GetInt64() : 0;
            var token = state.CreateToken(userId, description.GetString()!, expiresAt);
            return Results.Json(new { id = token.Id, token = token.Token, user_id = token.UserId, description = token.Description, expires_at = token.ExpiresAt },
                statusCode: StatusCodes.Status201Created);
        });
        api.MapGet("/users/{userId}/tokens", (string userId) =>
            Results.Json(state.Tokens.Where(t => t.UserId == userId)
                .Select(t => new { id = t.Id, user_id = t.UserId, description = t.Description, is_active = t.IsActive }).ToList()));
        api.MapPost("/users/tokens/revoke", async (HttpRequest request) =>
        {
            var body = await ReadAsync(request);
            if (body is null || !body.Value.TryGetProperty("token_id", out var tokenId) || tokenId.ValueKind != JsonValueKind.String)
            {
                return Error(400, "api.context.invalid_body_param.app_error", "Invalid or missing token_id in request body.");
            }

            return state.RevokeToken(tokenId.GetString()!)
                ? Results.Json(new { status = "OK" })
                : Error(404, "app.user_access_token.get_by_id.app_error", "Unable to get user access token.");
        });
    }

    private static async Task ServeAsync(HttpContext context, Func<Task> next, SimulatorState state)
    {
        var now = DateTimeOffset.UtcNow;
        context.Response.Headers["X-Request-Id"] = SimulatorState.NewId();
        context.Response.Headers["X-Version-Id"] = $"{state.Version}.0.simulator.true";
        state.CountCall($"{context.Request.Method} {Route(context.Request.Path)}");
        if (state.RateLimit is { } limit)
        {
            var (allowed, remaining, reset) = limit.Take(now);
            context.Response.Headers["X-Ratelimit-Limit"] = limit.PerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture);
            context.Response.Headers["X-Ratelimit-Remaining"] = remaining.ToString(System.Globalization.CultureInfo.InvariantCulture);
            context.Response.Headers["X-Ratelimit-Reset"] = reset.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (!allowed)
            {
                state.CountCall("429");
                context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                context.Response.ContentType = "text/plain; charset=utf-8";
                await context.Response.WriteAsync("limit exceeded\n");
                return;
            }
        }

        await state.Open;
        if (state.Latency > TimeSpan.Zero)
        {
            await Task.Delay(state.Latency);
        }

        // Incoming webhooks take no token: the hook's id in the URL is the credential.
        if (context.Request.Path.StartsWithSegments("/api/v4"))
        {
            var presented = context.Request.Headers.Authorization.ToString();
            if (!presented.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || state.SessionUser(presented[7..].Trim()) is not { } caller)
            {
                await Error(401, "api.context.session_expired.app_error", "Invalid or expired session, please login again.").ExecuteAsync(context);
                return;
            }

            context.Items[CallerKey] = caller;
        }

        if (state.TakeFailure())
        {
            await Error(500, "app.simulated.internal_error", "We encountered an error (simulated).").ExecuteAsync(context);
            return;
        }

        state.RemoveExpired(now);
        await next();
    }

    private static string Route(PathString path)
    {
        var parts = path.Value!.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return parts switch
        {
            [_, _, "users", "username", _] => "/api/v4/users/username/{username}",
            [_, _, "users", "email", _] => "/api/v4/users/email/{email}",
            [_, _, "users", "tokens", "revoke"] => "/api/v4/users/tokens/revoke",
            [_, _, "users", "me"] => "/api/v4/users/me",
            [_, _, "users", _, "tokens"] => "/api/v4/users/{user_id}/tokens",
            ["hooks", _] => "/hooks/{id}",
            _ => path.Value!,
        };
    }

    private const string CallerKey = "simulator.caller";

    private static string Caller(HttpContext context) => (string)context.Items[CallerKey]!;

    private static bool IsId(string id) => id.Length == 26 && id.All(char.IsAsciiLetterOrDigit);

    /// <summary>What a missing permission answers (also for a channel that does not exist).</summary>
    private static IResult Forbidden() => Error(403, "api.context.permissions.app_error", "You do not have the appropriate permissions.");

    /// <summary>
    /// An incoming webhook's body: JSON, or (a form, or no <c>Content-Type</c>, as Slack's) <c>payload=</c> followed by JSON.
    /// </summary>
    private static async Task<JsonElement?> ReadHookPayloadAsync(HttpRequest request)
    {
        if (request.HasJsonContentType())
        {
            return await ReadAsync(request);
        }

        string text;
        if (request.HasFormContentType)
        {
            text = (await request.ReadFormAsync()).TryGetValue("payload", out var payload) ? payload.ToString() : "";
        }
        else
        {
            using var reader = new StreamReader(request.Body);
            var raw = await reader.ReadToEndAsync();
            text = raw.StartsWith("payload=", StringComparison.Ordinal) ? raw["payload=".Length..] : raw;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>What Mattermost's <c>RequireUsername</c> answers for a name it could never hold (upper case, other characters).</summary>
    private static IResult InvalidParam(string name) => Error(400, "api.context.invalid_param.app_error", $"Invalid or missing {name} parameter in request URL.");

    private static IResult MissingUser(string who) => Error(404, "app.user.missing_account.const", "Unable to find the user.", $"who={who}");

    /// <summary>Mattermost's AppError body.</summary>
    private static IResult Error(int status, string id, string message, string detailed = "") =>
        Results.Json(new { id, message, detailed_error = detailed, request_id = SimulatorState.NewId(), status_code = status }, statusCode: status);

    private static async Task<JsonElement?> ReadAsync(HttpRequest request)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static object ChannelJson(SimChannel channel, string creator) => new
    {
        id = channel.Id,
        create_at = channel.CreateAt,
        update_at = channel.CreateAt,
        delete_at = 0,
        team_id = "",
        type = channel.Type,
        display_name = "",
        name = channel.Name,
        header = "",
        purpose = "",
        last_post_at = 0,
        total_msg_count = 0,
        extra_update_at = 0,
        creator_id = creator,
    };

    private static object PostJson(SimPost post) => new
    {
        id = post.Id,
        create_at = post.CreateAt,
        update_at = post.CreateAt,
        delete_at = 0,
        edit_at = 0,
        user_id = post.UserId,
        channel_id = post.ChannelId,
        root_id = "",
        original_id = "",
        message = post.Message,
        type = "",
        props = new { },
        hashtag = "",
        file_ids = Array.Empty<string>(),
        pending_post_id = "",
        metadata = new { },
    };

    private static object UserJson(SimUser user) => new
    {
        id = user.Id,
        create_at = 1700000000000,
        update_at = 1700000000000,
        delete_at = 0,
        username = user.Username,
        auth_data = "",
        auth_service = "",
        email = user.Email,
        email_verified = true,
        nickname = "",
        first_name = "",
        last_name = "",
        position = "",
        roles = "system_user",
        locale = "en",
        is_bot = user.IsBot,
    };
}
