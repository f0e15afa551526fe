using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Switchboard.Domain;
using Switchboard.Domain.ApiKeys;
using Switchboard.Domain.Provisioning;
using Switchboard.Infrastructure.Provisioning;
using Switchboard.Portal.Api;
using Switchboard.Portal.Auth;

namespace Switchboard.Portal.Features.Provisioning;

public static class ProvisioningApi
{
    public static void MapProvisioningApi(this RouteGroupBuilder api)
    {
        var provisioning = api.MapGroup("/provisioning");

        provisioning.MapPost("/messages", async Task<Results<Ok<CaptureSummary>, ValidationProblem, ProblemHttpResult>> (
                HttpContext context, ProvisioningService service, TimeProvider clock, CancellationToken cancellationToken) =>
                await JsonRequestBody.HandleAsync<Ok<CaptureSummary>>(context.Request, "messages", async root =>
                {
                    var (messages, errors) = PostedMessageReader.Read(root, clock.GetUtcNow().UtcDateTime);
                    return errors.Count > 0
                        ? JsonRequestBody.Invalid(errors, "messages")
                        : TypedResults.Ok(await service.CaptureAsync(context.User, messages, cancellationToken));
                }, cancellationToken))
            .Accepts<JsonElement>("application/json")
            .WithName("PostProvisioningMessages")
            .WithSummary("Stores provisioning messages as the broker would deliver them ({properties, headers, routingKey, body}, one or an array): "
                + "for installations without a broker. 200 once stored, with the envelopes created or changed.")
            .WithDescription($"properties (AMQP names: message_id, correlation_id, reply_to, type, app_id) and headers (at most {PostedMessageReader.MaxHeaders}) "
                + $"must be JSON objects; body is JSON, or a string taken as the raw body. Up to {PostedMessageReader.MaxMessages} messages and 1 MiB; "
                + "400 names [i].field and stores nothing, 415 for another content type, 413 for a larger body.")
            .RequireScope(ApiKeyScopes.EnvelopesWrite);

        provisioning.MapGet("/envelopes", async Task<Ok<Paged<EnvelopeRow>>> (
                ProvisioningService service, CancellationToken cancellationToken, long? group, int? statusCode, string? errorType, string? routingKey,
                string? state, DateTime? from, DateTime? to, string? search, int page = 0, int pageSize = 50) =>
                TypedResults.Ok(await service.EnvelopesAsync(new EnvelopeFilter(group, statusCode, errorType, routingKey, state ?? EnvelopeFilter.Open, from, to, search),
                    Math.Max(0, page), Math.Clamp(pageSize, 1, 500), cancellationToken)))
            .WithName("ListEnvelopes")
            .WithSummary("Envelopes, newest first, with the page's filters (state: Open, Retrying, Failed, Rerunning, SucceededLater, Resolved, Archived, All).")
            .WithDescription("from and to are ISO 8601 times (UTC); the total stops counting at 10000 (totalIsAtLeast). " + ApiPaging.Description)
            .RequireScope(ApiKeyScopes.EnvelopesRead);

        provisioning.MapGet("/envelopes/{id:long}", async Task<Results<Ok<EnvelopeDetail>, ProblemHttpResult>> (long id, ProvisioningService service, CancellationToken cancellationToken) =>
                await service.EnvelopeAsync(id, cancellationToken) is { } detail ? TypedResults.Ok(detail) : NoSuchEnvelope(id))
            .WithName("GetEnvelope")
            .WithSummary("One envelope: failure, original request, timeline, guidance and schema errors.")
            .RequireScope(ApiKeyScopes.EnvelopesRead);

        provisioning.MapPost("/envelopes/{id:long}/reruns", async Task<Results<Accepted<RerunResult>, ValidationProblem, ProblemHttpResult>> (
                long id, [FromBody] RerunRequest? request, HttpContext context, ProvisioningService service, CancellationToken cancellationToken) =>
            {
                var result = await service.RerunAsync(context.User, id, request?.Body?.GetRawText(), cancellationToken);
                return result switch
                {
                    { Published: true } => TypedResults.Accepted($"/api/provisioning/envelopes/{id}", result),
                    { SchemaErrors.Count: > 0 } => TypedResults.ValidationProblem(
                        result.SchemaErrors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Problem).ToArray()), title: result.Problem),
                    _ => TypedResults.Problem(result.Problem, statusCode: StatusCodes.Status409Conflict, title: "Not rerun"),
                };
            })
            .WithName("RerunEnvelope")
            .WithSummary("Republishes the envelope's request (or the edited body given as {\"body\": {...}}, checked against the schema first). 202 once the broker took it.")
            .RequireScope(ApiKeyScopes.EnvelopesWrite);

        provisioning.MapPost("/envelopes/{id:long}/resolution", async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> (
                long id, ResolveRequest request, HttpContext context, ProvisioningService service, CancellationToken cancellationToken) =>
            {
                if (string.IsNullOrWhiteSpace(request.Note))
                {
                    return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["note"] = ["is required: say what was done"] }, title: "Note missing");
                }

                return await service.ResolveAsync(context.User, [id], request.Note.Trim(), null, cancellationToken) > 0 || await service.EnvelopeAsync(id, cancellationToken) is not null
                    ? TypedResults.NoContent()
                    : NoSuchEnvelope(id);
            })
            .WithName("ResolveEnvelope")
            .WithSummary("Resolves the envelope with a note.")
            .WithDescription($"Body: {{\"note\": \"what was done\"}} (required, at most {ProvisioningEnvelope.NoteMaxLength} characters). "
                + "204 once resolved (also when it already was), 404 for an unknown envelope.")
            .RequireScope(ApiKeyScopes.EnvelopesWrite);
    }

    private static ProblemHttpResult NoSuchEnvelope(long id) =>
        TypedResults.Problem($"There is no envelope {id}.", statusCode: StatusCodes.Status404NotFound, title: "Unknown envelope");

    public sealed record RerunRequest(JsonElement? Body);

    public sealed record ResolveRequest(string? Note);
}
