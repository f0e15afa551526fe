using Microsoft.AspNetCore.Http.HttpResults;
using Switchboard.Domain;
using Switchboard.Domain.ApiKeys;
using Switchboard.Domain.ChatOps;
using Switchboard.Infrastructure.ChatOps;
using Switchboard.Portal.Api;
using Switchboard.Portal.Auth;
using Switchboard.Portal.Features.Notifications;

namespace Switchboard.Portal.Features.ChatOps;

public static class ChatOpsApi
{
    public static void MapChatOpsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/chatops/calls", async Task<Ok<Paged<CallRow>>> (ChatOpsService chatOps, CancellationToken cancellationToken,
                int? bridge, CallStatus? status, string? user, int page = 0, int pageSize = 50) =>
                TypedResults.Ok(await chatOps.CallsAsync(new CallFilter(bridge, status, user), Math.Max(0, page), Math.Clamp(pageSize, 1, 500), cancellationToken)))
            .WithName("ListChatOpsCalls")
            .WithSummary("The bridges' call log, newest first (status: Pending, Created, Failed, Empty).")
            .WithDescription(ApiPaging.Description)
            .RequireScope(ApiKeyScopes.ConfigRead);

        api.MapGet("/chatops/calls/{id:long}", async Task<Results<Ok<CallDetail>, ProblemHttpResult>> (long id, ChatOpsService chatOps, CancellationToken cancellationToken) =>
                await chatOps.CallAsync(id, cancellationToken) is { } call ? TypedResults.Ok(call)
                    : TypedResults.Problem($"There is no ChatOps call {id}.", statusCode: StatusCodes.Status404NotFound, title: "Unknown ChatOps call"))
            .WithName("GetChatOpsCall")
            .WithSummary("One call: what arrived, its outcome and GLPI ticket URL, the person who wrote (when the directory knows them). The audit entries about it are at /api/audit?objectType=bridge-call&objectId={id} (audit:read).")
            .RequireScope(ApiKeyScopes.ConfigRead);

        api.MapPost("/chatops/calls/{id:long}/retries", async Task<Ok<RetryOutcome>> (long id, HttpContext context, ChatOpsService chatOps, CancellationToken cancellationToken) =>
            {
                var (created, failed) = await chatOps.RetryAsync(context.User, [id], cancellationToken);
                return TypedResults.Ok(new RetryOutcome(created == 1, failed == 1));
            })
            .WithName("RetryChatOpsCall")
            .WithSummary("Sends a failed call to GLPI again now; a call already done or being sent is left alone (both false).")
            .RequireScope(ApiKeyScopes.JobsRun);
    }

    public sealed record RetryOutcome(bool Created, bool FailedAgain);
}
