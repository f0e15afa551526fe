namespace Switchboard.MattermostSimulator;

/// <summary>Not Mattermost: the knobs tests and demos turn (<c>/simulator/*</c>), without authentication.</summary>
public static class SimulatorControl
{
    public static void MapSimulatorControl(this WebApplication app)
    {
        var state = app.Services.GetRequiredService<SimulatorState>();
        var control = app.MapGroup("/simulator");
        control.MapPost("/users", (UserSeed[] users) => Results.Ok(users.Select(u => state.AddUser(u.Username, u.Email).Id).ToList()));
        control.MapPost("/bots", (BotSeed bot) => Results.Ok(state.AddBot(bot.Username, bot.Token).Id));
        control.MapPost("/hooks", (HookSeed hook) => Results.Ok(new { id = state.AddHook(hook.Channel).Id }));
        control.MapDelete("/hooks/{id}", (string id) => state.RemoveHook(id) ? Results.NoContent() : Results.NotFound());
        control.MapGet("/posts", () => Results.Ok(state.Posts.Select(p => new
        {
            p.Id,
            p.ChannelId,
            Channel = state.Channel(p.ChannelId)?.Name,
            p.UserId,
            User = state.User(p.UserId)?.Username,
            p.Message,
            p.HookId,
        })));
        control.MapPost("/settings", (SimulatorSettings settings) =>
        {
            state.IncomingWebhooksEnabled = settings.IncomingWebhooksEnabled ?? state.IncomingWebhooksEnabled;
            state.ShowEmailAddress = settings.ShowEmailAddress ?? state.ShowEmailAddress;
            state.UserAccessTokensEnabled = settings.UserAccessTokensEnabled ?? state.UserAccessTokensEnabled;
            state.SupportsExpiry = settings.SupportsExpiry ?? state.SupportsExpiry;
            state.Latency = settings.LatencyMilliseconds is { } ms ? TimeSpan.FromMilliseconds(ms) : state.Latency;
            state.RateLimit = settings.RateLimitPerSecond is { } perSecond ? (perSecond > 0 ? new RateLimit(perSecond, settings.RateLimitBurst ?? 100) : null) : state.RateLimit;
            if (settings.FailNext is { } failures)
            {
                state.FailNext(failures);
            }

            return Results.NoContent();
        });
        control.MapGet("/stats", () => Results.Ok(new { calls = state.Calls, maxInFlight = state.MaxInFlight, tokens = state.Tokens.Count() }));
        control.MapGet("/tokens", () => Results.Ok(state.Tokens));
        control.MapGet("/users", () => Results.Ok(state.Users));
        control.MapPost("/reset", () =>
        {
            state.Reset();
            return Results.NoContent();
        });
    }
}

public sealed record UserSeed(string Username, string Email);

public sealed record BotSeed(string Username, string Token);

public sealed record HookSeed(string Channel);

public sealed record SimulatorSettings(
    bool? UserAccessTokensEnabled = null, bool? SupportsExpiry = null, int? LatencyMilliseconds = null,
    int? RateLimitPerSecond = null, int? RateLimitBurst = null, int? FailNext = null, bool? IncomingWebhooksEnabled = null, bool? ShowEmailAddress = null);
