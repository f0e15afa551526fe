using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.MattermostSimulator;

namespace Switchboard.IntegrationTests.Mattermost;

/// <summary>The Mattermost simulator on a free loopback port for one test, with its state at hand.</summary>
public sealed class SimulatedMattermost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SimulatedMattermost(WebApplication app, SimulatorState state, string url) => (_app, State, Url) = (app, state, url);

    public SimulatorState State { get; }
    public string Url { get; }

    public static async Task<SimulatedMattermost> StartAsync()
    {
        var state = new SimulatorState();
        var app = Simulator.Create(["--urls", "http://127.0.0.1:0"], state);
        await app.StartAsync();
        var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new SimulatedMattermost(app, state, url);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
