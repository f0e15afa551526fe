using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;
using Switchboard.Infrastructure.Audit;
using Switchboard.Portal.Exports;

namespace Switchboard.Portal.Features.Audit;

/// <summary><c>GET /audit/export.csv</c>: the filtered audit trail as CSV for a signed-in person, newest first, streamed.</summary>
public static class AuditExportEndpoint
{
    public const string Path = "/audit/export.csv";

    /// <summary>The export's address for <paramref name="filter"/>: the same query parameters as <c>GET /api/audit</c>.</summary>
    public static string For(AuditFilter filter)
    {
        var parts = new List<KeyValuePair<string, string?>>
        {
            new("actor", filter.Actor),
            new("action", filter.Action),
            new("objectType", filter.ObjectType),
            new("objectId", filter.ObjectId),
            new("from", filter.From?.ToString("O", CultureInfo.InvariantCulture)),
            new("to", filter.To?.ToString("O", CultureInfo.InvariantCulture)),
        };
        parts.AddRange((filter.Exclude ?? []).Select(a => new KeyValuePair<string, string?>("exclude", a)));
        return QueryHelpers.AddQueryString(Path, parts.Where(p => p.Value is not null));
    }

    public static IEndpointRouteBuilder MapAuditExport(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, async ([AsParameters] AuditFilter filter, HttpContext context, AuditService audit, CancellationToken cancellationToken) =>
            {
                context.Response.ContentType = "text/csv; charset=utf-8";
                context.Response.Headers.ContentDisposition = $"attachment; filename=\"audit-{DateTime.UtcNow:yyyyMMdd}.csv\"";
                await using var text = new StreamWriter(context.Response.Body);
                await using var csv = CsvExport.CreateWriter(text);
                foreach (var header in (string[])["time", "actor", "actorKind", "action", "objectType", "objectId", "result", "details"])
                {
                    csv.WriteField(header);
                }

                await csv.NextRecordAsync();
                await foreach (var entry in audit.ExportAsync(filter, cancellationToken))
                {
                    csv.WriteField(entry.At.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
                    csv.WriteField(entry.Actor);
                    csv.WriteField(entry.ActorKind.ToString());
                    csv.WriteField(entry.Action);
                    csv.WriteField(entry.ObjectType);
                    csv.WriteField(entry.ObjectId);
                    csv.WriteField(entry.Result.ToString());
                    csv.WriteField(entry.Details);
                    await csv.NextRecordAsync();
                }
            })
            .ExcludeFromDescription();
        return app;
    }
}
