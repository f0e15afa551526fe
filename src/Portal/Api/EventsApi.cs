using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Switchboard.Domain.ApiKeys;
using Switchboard.Portal.Auth;
using Switchboard.Portal.Features.Events;

namespace Switchboard.Portal.Api;

public static class EventsApi
{
    public const long MaxBodyBytes = 1024 * 1024;

    // No Accepts(...) metadata on purpose: routing would then answer a wrong content type itself, outside this
    // endpoint's authorization, with a sign-in redirect instead of 415.
    public static void MapEventsApi(this RouteGroupBuilder api) =>
        api.MapPost("/events", async Task<Results<Accepted<IngestSummary>, ValidationProblem, ProblemHttpResult>> (
                HttpContext context, EventIngestService ingest, CancellationToken cancellationToken) =>
            {
                if (!context.Request.HasJsonContentType())
                {
                    return TypedResults.Problem("Send the events as application/json.", statusCode: StatusCodes.Status415UnsupportedMediaType,
                        title: "Unsupported media type");
                }

                var body = await ReadLimitedAsync(context.Request, cancellationToken);
                if (body is null)
                {
                    return TypedResults.Problem($"The body is larger than {MaxBodyBytes / 1024} KiB; send fewer events per request.",
                        statusCode: StatusCodes.Status413PayloadTooLarge, title: "Payload too large");
                }

                JsonDocument document;
                try
                {
                    document = JsonDocument.Parse(body);
                }
                catch (JsonException malformed)
                {
                    return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = [$"is not valid JSON: {malformed.Message}"] },
                        title: "Nothing was stored: the events are not valid");
                }

                using (document)
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

    /// <returns>The body, or null when it is larger than <see cref="MaxBodyBytes"/>.</returns>
    internal static async Task<byte[]?> ReadLimitedAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBodyBytes)
            {
                return null;
            }
        }

        return buffer.ToArray();
    }
}
