namespace Switchboard.ExchangeListenerSimulator;

/// <summary>
/// Creatio's Exchange Listener for tests and demos: <c>GET /api/listeners/status</c> answers like the real service
/// (<c>{"ServiceStatus":"Started","version":"0.9.1","connections":{}}</c>), or 500, or never; <c>/simulator/mode</c> switches.
/// </summary>
public static class Simulator
{
    public static WebApplication Create(string[] args, ListenerSimulatorState state)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Logging.SetMinimumLevel(LogLevel.Warning).AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Information);
        builder.Services.AddSingleton(state);
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        var app = builder.Build();
        app.MapGet("/api/listeners/status", async (CancellationToken cancellationToken) =>
        {
            state.Counted();
            if (state.Latency > TimeSpan.Zero)
            {
                await Task.Delay(state.Latency, cancellationToken);
            }

            switch (state.Mode)
            {
                case ListenerMode.Hanging:
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                    return Results.StatusCode(StatusCodes.Status504GatewayTimeout);
                case ListenerMode.Failing:
                    return Results.Json(new { ServiceStatus = "Faulted", message = "Redis connection lost" }, statusCode: StatusCodes.Status500InternalServerError);
                default:
                    return Results.Json(new { ServiceStatus = "Started", version = "0.9.1", connections = new { } });
            }
        });
        app.MapPost("/simulator/mode", (ModeSettings settings) =>
        {
            state.Mode = settings.Mode ?? state.Mode;
            state.Latency = settings.LatencyMilliseconds is { } ms ? TimeSpan.FromMilliseconds(ms) : state.Latency;
            return Results.NoContent();
        });
        app.MapGet("/simulator/stats", () => Results.Ok(new { checks = state.Checks, mode = state.Mode.ToString() }));
        return app;
    }
}

public sealed record ModeSettings(ListenerMode? Mode = null, int? LatencyMilliseconds = null);

/// <summary><c>dotnet run --project tests/ExchangeListenerSimulator -- --urls http://localhost:8082</c>.</summary>
internal static class SimulatorProgram
{
    private static async Task Main(string[] args) => await Simulator.Create(args, new ListenerSimulatorState()).RunAsync();
}
