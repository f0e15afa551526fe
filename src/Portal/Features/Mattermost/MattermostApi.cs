using Microsoft.AspNetCore.Http.HttpResults;
using Switchboard.Domain.ApiKeys;
using Switchboard.Domain.Mattermost;
using Switchboard.Infrastructure.Mattermost;
using Switchboard.Portal.Api;
using Switchboard.Portal.Auth;

namespace Switchboard.Portal.Features.Mattermost;

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

        api.MapPost("/people/{username}/mattermost-token:regenerate", RegenerateAsync)
            .WithName("RegenerateMattermostToken")
            .WithSummary("Revokes a person's Mattermost token and creates a new one; 409 when the eligibility rule gives them none (disabled, deleted, "
                + "leaver state, sync off), 404 for an unknown person or Mattermost user, 502 when Mattermost refuses or cannot be reached.")
            .RequireScope(ApiKeyScopes.JobsRun);
    }

    private static async Task<Results<Ok<TokenRegenerated>, ProblemHttpResult>> RegenerateAsync(
        string username, HttpContext context, MattermostTokensService tokens, CancellationToken cancellationToken)
    {
        try
        {
            return TypedResults.Ok(new TokenRegenerated(username, await tokens.RegenerateAsync(context.User, username, cancellationToken)));
        }
        catch (MattermostApiException failed)
        {
            return TypedResults.Problem(failed.Message, statusCode: StatusCodes.Status502BadGateway, title: "Mattermost refused");
        }
        catch (HttpRequestException unreachable)
        {
            return TypedResults.Problem(unreachable.Message, statusCode: StatusCodes.Status502BadGateway, title: "Mattermost could not be reached");
        }
        catch (InvalidOperationException noUser) when (noUser is not TokenNotEligibleException)
        {
            return TypedResults.Problem(noUser.Message, statusCode: StatusCodes.Status404NotFound, title: "No such Mattermost user");
        }
    }

    public sealed record RunStarted(long Id, string Url);

    /// <param name="Result">What happened, in words (never the token).</param>
    public sealed record TokenRegenerated(string Username, string Result);
}
