using Microsoft.AspNetCore.Http.HttpResults;
using Switchboard.Domain;
using Switchboard.Domain.ApiKeys;
using Switchboard.Infrastructure.Jobs;
using Switchboard.Portal.Api;
using Switchboard.Portal.Auth;

namespace Switchboard.Portal.Features.Jobs;

public static class JobsApi
{
    public static void MapJobsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/jobs", async (BackgroundJobsService jobs, CancellationToken cancellationToken) => TypedResults.Ok(await jobs.ListAsync(cancellationToken)))
            .WithName("ListBackgroundJobs")
            .WithSummary("Every background job with its state, last run (from whichever instance ran it) and next run.")
            .RequireScope(ApiKeyScopes.ConfigRead);

        api.MapGet("/jobs/{name}/runs", async Task<Results<Ok<Paged<JobRunView>>, ProblemHttpResult>> (
                string name, BackgroundJobsService jobs, CancellationToken cancellationToken, int page = 0, int pageSize = 50) =>
            {
                var runs = await jobs.RunsAsync(name, Math.Max(0, page), Math.Clamp(pageSize, 1, 500), cancellationToken);
                return runs is null ? UnknownJob(name) : TypedResults.Ok(runs);
            })
            .WithName("ListBackgroundJobRuns")
            .WithSummary("One background job's runs from every instance, newest first: start, end, duration, outcome, message, error, who started it and where.")
            .WithDescription(ApiPaging.Description)
            .RequireScope(ApiKeyScopes.ConfigRead);

        api.MapPost("/jobs/{name}/runs", async Task<Results<Accepted<JobStatus>, ProblemHttpResult>> (
                string name, HttpContext context, BackgroundJobsService jobs, CancellationToken cancellationToken) =>
            {
                var status = await jobs.RunNowAsync(context.User, name, cancellationToken);
                return status switch
                {
                    null => UnknownJob(name),
                    { RunNowUnavailableBecause: { } why } => TypedResults.Problem(why, statusCode: StatusCodes.Status409Conflict, title: "Not run"),
                    _ => TypedResults.Accepted($"/api/jobs/{name}", status),
                };
            })
            .WithName("RunBackgroundJob")
            .WithSummary("Asks a background job to run now; answers 202 with its state, 409 for a job that runs only at start-up.")
            .RequireScope(ApiKeyScopes.JobsRun);
    }

    private static ProblemHttpResult UnknownJob(string name) =>
        TypedResults.Problem($"There is no background job named '{name}'.", statusCode: StatusCodes.Status404NotFound, title: "Unknown job");
}
