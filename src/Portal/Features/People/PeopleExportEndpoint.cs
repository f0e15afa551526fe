using Switchboard.Infrastructure.People;

namespace Switchboard.Portal.Features.People;

/// <summary><c>GET /people/export.csv</c>: the (filtered) directory as CSV for a signed-in person, streamed.</summary>
public static class PeopleExportEndpoint
{
    public const string Path = "/people/export.csv";

    public static IEndpointRouteBuilder MapPeopleExport(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, async ([AsParameters] PeopleQuery query, HttpContext context, PeopleService people, CancellationToken cancellationToken) =>
            {
                var codes = await people.AttributeCodesAsync(cancellationToken);
                context.Response.ContentType = "text/csv; charset=utf-8";
                context.Response.Headers.ContentDisposition = $"attachment; filename=\"people-{DateTime.UtcNow:yyyyMMdd}.csv\"";
                await using var writer = new StreamWriter(context.Response.Body);
                await PeopleCsv.WriteAsync(people.ExportAsync(query, cancellationToken), codes, writer, cancellationToken);
            })
            .ExcludeFromDescription();
        return app;
    }
}
