using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.GlpiSimulator;

namespace Switchboard.IntegrationTests.ChatOps;

/// <summary>The GLPI simulator on a free loopback port, with its state at hand.</summary>
public sealed class SimulatedGlpi : IAsyncLifetime
{
    private WebApplication? _app;

    public GlpiState State { get; } = new();
    public string ApiUrl { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        _app = Simulator.Create(["--urls", "http://127.0.0.1:0"], State);
        await _app.StartAsync();
        ApiUrl = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/apirest.php";
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
