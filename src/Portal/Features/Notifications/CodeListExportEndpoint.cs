using Switchboard.Infrastructure.Notifications;

namespace Switchboard.Portal.Features.Notifications;

/// <summary><c>GET /notifications/code-lists.json</c>: the code-list document as a download for a signed-in person.</summary>
public static class CodeListExportEndpoint
{
    public const string Path = "/notifications/code-lists.json";

    public static IEndpointRouteBuilder MapCodeListExport(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, async (CodeListTransferService codeLists, CancellationToken cancellationToken) =>
                TypedResults.Json(await codeLists.ExportAsync(cancellationToken), new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web)
                {
                    WriteIndented = true,
                    Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
                }, contentType: "application/json"))
            .ExcludeFromDescription();
        return app;
    }
}
