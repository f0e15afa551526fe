namespace Switchboard.GlpiSimulator;

/// <summary>Builds the GLPI simulator: in-process for tests, or by hand (<see cref="SimulatorProgram"/>).</summary>
public static class Simulator
{
    public static WebApplication Create(string[] args, GlpiState state)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Logging.SetMinimumLevel(LogLevel.Warning).AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Information);
        builder.Services.AddSingleton(state);
        var app = builder.Build();
        app.MapGlpiApi();
        app.MapSimulatorControl();
        return app;
    }
}

/// <summary>Not GLPI: the knobs tests and demos turn (<c>/simulator/*</c>).</summary>
public static class SimulatorControl
{
    public static void MapSimulatorControl(this WebApplication app)
    {
        var state = app.Services.GetRequiredService<GlpiState>();
        var control = app.MapGroup("/simulator");
        control.MapPost("/settings", (GlpiSettings settings) =>
        {
            state.Latency = settings.LatencyMilliseconds is { } ms ? TimeSpan.FromMilliseconds(ms) : state.Latency;
            state.Down = settings.Down ?? state.Down;
            if (settings.FailNextCreates is { } failures)
            {
                state.FailNextCreates(failures);
            }

            state.LateAnswer = settings.LateAnswerMilliseconds is { } late ? TimeSpan.FromMilliseconds(late) : state.LateAnswer;
            if (settings.AnswerNextCreatesLate is { } lateCreates)
            {
                state.AnswerNextCreatesLate(lateCreates);
            }

            return Results.NoContent();
        });
        control.MapGet("/tickets", () => Results.Ok(state.Tickets));
        control.MapGet("/stats", () => Results.Ok(new { initSessions = state.InitSessions, killSessions = state.KillSessions, openSessions = state.OpenSessions, tickets = state.Tickets.Count }));
        control.MapPost("/reset", () =>
        {
            state.Reset();
            return Results.NoContent();
        });
    }
}

/// <param name="AnswerNextCreatesLate">The next N ticket creations store the ticket, then answer after <paramref name="LateAnswerMilliseconds"/>
/// (GLPI busy after the insert: the caller times out although the ticket exists).</param>
public sealed record GlpiSettings(
    int? LatencyMilliseconds = null, bool? Down = null, int? FailNextCreates = null, int? AnswerNextCreatesLate = null, int? LateAnswerMilliseconds = null);

/// <summary>
/// A GLPI for demos and tests: <c>dotnet run --project tests/GlpiSimulator -- --urls http://localhost:8081</c>; API at
/// <c>/apirest.php</c>, App-Token <c>sim-app-token</c>, user_token <c>sim-user-token</c>.
/// </summary>
internal static class SimulatorProgram
{
    private static async Task Main(string[] args) => await Simulator.Create(args, new GlpiState()).RunAsync();
}
