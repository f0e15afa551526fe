namespace Switchboard.MattermostSimulator;

/// <summary>Builds the simulator: for tests in-process on a free loopback port, or by hand (<c>Program.cs</c>).</summary>
public static class Simulator
{
    public static WebApplication Create(string[] args, SimulatorState state)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Logging.SetMinimumLevel(LogLevel.Warning).AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Information);
        builder.Services.AddSingleton(state);
        var app = builder.Build();
        app.MapMattermostApi();
        app.MapSimulatorControl();
        return app;
    }
}
