using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Switchboard.Domain.ApiKeys;
using Switchboard.Portal.Auth;
using Switchboard.Portal.Features.Events;

namespace Switchboard.Portal.Api;

public static class EventsApi
{
    // No Accepts(...) metadata on purpose: routing would then answer a wrong content type itself, outside this
    // endpoint's authorization, with a sign-in redirect instead of 415.
    public static void MapEventsApi(this RouteGroupBuilder api) =>
        api.MapPost("/events", async Task<Results<Accepted<IngestSummary>, ValidationProblem, ProblemHttpResult>> (
                HttpContext context, EventIngestService ingest, CancellationToken cancellationToken) =>
            {
                var body = await JsonRequestBody.ReadAsync(context.Request, "events", cancellationToken);
                if (body.Problem is { } problem)
                {
                    return problem;
                }

                if (body.Invalid is { } invalid)
                {
                    return invalid;
                }

                using (var document = body.Document!)
                {
                    var (events, errors) = EventBatchReader.Read(document.RootElement);
                    if (errors.Count > 0)
                    {
                        return TypedResults.ValidationProblem(errors, title: "Nothing was stored: the events are not valid");
                    }

                    var summary = await ingest.StoreAsync(context.User, events, cancellationToken);
                    return TypedResults.Accepted((string?)null, summary);
                }
            })
            .WithName("IngestEvents")
            .WithSummary($"Stores one event or up to {EventBatchReader.MaxEvents} (JSON body up to 1 MiB); 202 with accepted and duplicate counts.")
            .RequireScope(ApiKeyScopes.EventsWrite);
}
