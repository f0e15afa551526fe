using Microsoft.AspNetCore.Http.HttpResults;
using Switchboard.Domain.ApiKeys;
using Switchboard.Infrastructure.Listeners;
using Switchboard.Portal.Api;
using Switchboard.Portal.Auth;

namespace Switchboard.Portal.Features.Listeners;

public static class ListenersApi
{
    public static void MapListenersApi(this RouteGroupBuilder api) =>
        api.MapGet("/listeners", async Task<Ok<IReadOnlyList<DeploymentView>>> (ListenersService listeners, CancellationToken cancellationToken) =>
                TypedResults.Ok(await listeners.DeploymentsAsync(cancellationToken)))
            .WithName("ListListeners")
            .WithSummary("Every Exchange Listener deployment with its state, since when, last check, latency and uptime over 24 h and 7 days.")
            .RequireScope(ApiKeyScopes.ConfigRead);
}
