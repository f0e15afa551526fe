using System.Text.Json;
using System.Text.Json.Serialization;

namespace Switchboard.MattermostSimulator;

/// <summary>
/// The part of Mattermost's REST API v4 the portal uses, as ../shared/contracts/mattermost describes it: bearer auth,
/// AppError bodies, the user look-ups (usernames are lower-case only: anything else is 400) and the user access token endpoints, the rate limiter, plus latency and
/// injected server errors for tests.
/// </summary>
public static class MattermostApi
{
    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public static void MapMattermostApi(this WebApplication app)
    {
        var state = app.Services.GetRequiredService<SimulatorState>();
        app.Use(async (context, next) =>
        {
            if (!context.Request.Path.StartsWithSegments("/api/v4"))
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
        api.MapGet("/users/me", () => Results.Json(UserJson(new SimUser("adminuserid0000000000000000", "sysadmin", "sysadmin@example.test")), Json));
        api.MapGet("/users/username/{username}", (string username) =>
            !SimulatorState.IsValidUsername(username) ? InvalidParam("username")
            : state.UserByUsername(username) is { } user ? Results.Json(UserJson(user), Json)
            : MissingUser(username));
        api.MapGet("/users/email/{email}", (string email) =>
            state.UserByEmail(email) is { } user ? Results.Json(UserJson(user), Json) : MissingUser(email));
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

        if (state.Latency > TimeSpan.Zero)
        {
            await Task.Delay(state.Latency);
        }

        var presented = context.Request.Headers.Authorization.ToString();
        if (!presented.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || presented[7..].Trim() != state.AdminToken)
        {
            await Error(401, "api.context.session_expired.app_error", "Invalid or expired session, please login again.").ExecuteAsync(context);
            return;
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
            _ => path.Value!,
        };
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
    };
}
