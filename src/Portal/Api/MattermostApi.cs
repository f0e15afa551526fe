using Microsoft.AspNetCore.Http.HttpResults;
using Switchboard.Domain.ApiKeys;
using Switchboard.Infrastructure.Mattermost;
using Switchboard.Portal.Auth;
using Switchboard.Portal.Features.Mattermost;

namespace Switchboard.Portal.Api;

public static class MattermostApi
{
    private const string Runs = $"/jobs/{TokenRegenerationJob.Name}/runs";

    public static void MapMattermostApi(this RouteGroupBuilder api)
    {
        api.MapPost(Runs, async Task<Accepted<RunStarted>> (HttpContext context, MattermostTokensService tokens, CancellationToken cancellationToken) =>
            {
                var id = await tokens.StartRunAsync(context.User, cancellationToken);
                var url = $"/api{Runs}/{id}";
                return TypedResults.Accepted(url, new RunStarted(id, url));
            })
            .WithName("StartTokenRegeneration")
            .WithSummary("Starts a Mattermost token run, or answers the one already running: 202 with the run's URL.")
            .RequireScope(ApiKeyScopes.JobsRun);

        api.MapGet(Runs + "/{id:long}", async Task<Results<Ok<TokenRunRow>, ProblemHttpResult>> (long id, MattermostTokensService tokens, CancellationToken cancellationToken) =>
                await tokens.RunAsync(id, cancellationToken) is { } run
                    ? TypedResults.Ok(run)
                    : TypedResults.Problem($"There is no token run {id}.", statusCode: StatusCodes.Status404NotFound, title: "Unknown run"))
            .WithName("GetTokenRegenerationRun")
            .WithSummary("A Mattermost token run's state and counts.")
            .RequireScope(ApiKeyScopes.JobsRun);
    }

    public sealed record RunStarted(long Id, string Url);
}
