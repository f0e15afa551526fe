using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Switchboard.Domain.Access;
using Switchboard.Domain.ApiKeys;
using Switchboard.Domain.Audit;
using Switchboard.Infrastructure.Access;
using Switchboard.Infrastructure.Events;
using Switchboard.Portal.Api;
using Switchboard.Portal.Auth;

namespace Switchboard.Portal.Features.Events;

public static class EventsApi
{
    // Accepts(...) lets routing answer a wrong content type with 415 problem details before the body is read
    // (ApiRequestGuard keeps that answer away from the sign-in redirect); it also documents the body in OpenAPI.
    public static void MapEventsApi(this RouteGroupBuilder api) =>
        api.MapPost("/events", async Task<Results<Accepted<IngestSummary>, ValidationProblem, ProblemHttpResult>> (
                HttpContext context, AccessGuard guard, EventIngest ingest, CancellationToken cancellationToken) =>
                await JsonRequestBody.HandleAsync<Accepted<IngestSummary>>(context.Request, "events", async root =>
                {
                    var (events, errors) = EventBatchReader.Read(root);
                    if (errors.Count > 0)
                    {
                        return JsonRequestBody.Invalid(errors, "events");
                    }

                    var actor = await guard.DemandAsync(context.User, PortalRole.Admin, ApiKeyScopes.EventsWrite, AuditActions.EventsReceived, "event", null, cancellationToken);
                    return TypedResults.Accepted((string?)null, await ingest.StoreAsync(events, actor.Name, cancellationToken));
                }, cancellationToken))
            .Accepts<JsonElement>("application/json")
            .WithName("IngestEvents")
            .WithDescription("Each event is {id, entityType (IdmIdentity or SysProvisioningOperation), eventType (CREATE, UPDATE or DELETE), entityId, identity, "
                + "system?, occurredAt? (ISO 8601), before?, after? ({attributes: {...}, eav: {...}})}. 400 names items[i].field and stores nothing; "
                + "415 for another content type, 413 for a larger body.")
            .WithSummary($"Stores one event or up to {EventBatchReader.MaxEvents} (JSON body up to 1 MiB); 202 with accepted and duplicate counts.")
            .RequireScope(ApiKeyScopes.EventsWrite);
}
