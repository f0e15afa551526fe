using Microsoft.AspNetCore.Http.HttpResults;
using Switchboard.Domain.ApiKeys;
using Switchboard.Infrastructure.Audit;
using Switchboard.Portal.Api;
using Switchboard.Portal.Auth;

namespace Switchboard.Portal.Features.Audit;

public static class AuditApi
{
    public const int MaxPageSize = 500;

    public static void MapAuditApi(this RouteGroupBuilder api)
    {
        api.MapGet("/audit", async (
                [AsParameters] AuditFilter filter, int? page, int? pageSize, AuditService audit, CancellationToken cancellationToken) =>
            {
                var size = Math.Clamp(pageSize ?? 50, 1, MaxPageSize);
                return TypedResults.Ok(await audit.QueryAsync(filter, Math.Max(page ?? 0, 0), size, cancellationToken));
            })
            .WithName("ListAuditEntries")
            .WithSummary("Audit trail, newest first, filtered and paged (page from 0).")
            .WithDescription("from and to are ISO 8601 times (UTC). " + ApiPaging.Description)
            .RequireScope(ApiKeyScopes.AuditRead);

        api.MapGet("/audit/{id:long}", async Task<Results<Ok<AuditEntryDetail>, ProblemHttpResult>> (long id, AuditService audit, CancellationToken cancellationToken) =>
                await audit.EntryAsync(id, cancellationToken) is { } entry ? TypedResults.Ok(entry)
                    : TypedResults.Problem($"There is no audit entry {id}.", statusCode: StatusCodes.Status404NotFound, title: "Unknown audit entry"))
            .WithName("GetAuditEntry")
            .WithSummary("One audit entry, with the directory username of the person who acted when the directory knows them.")
            .RequireScope(ApiKeyScopes.AuditRead);
    }
}
