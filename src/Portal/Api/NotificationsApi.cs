using Switchboard.Domain.ApiKeys;
using Switchboard.Portal.Auth;
using Switchboard.Portal.Features.Notifications;

namespace Switchboard.Portal.Api;

public static class NotificationsApi
{
    public static void MapNotificationsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/notifications/code-lists", async (NotificationsService notifications, CancellationToken cancellationToken) =>
                TypedResults.Ok(await notifications.ExportAsync(cancellationToken)))
            .WithName("ExportNotificationCodeLists")
            .WithSummary("Topics (with templates) and configurations as one JSON document.")
            .RequireScope(ApiKeyScopes.ConfigRead);

        api.MapPut("/notifications/code-lists", async (CodeListDocument document, bool? preview, HttpContext context,
                NotificationsService notifications, CancellationToken cancellationToken) =>
                TypedResults.Ok(preview == true
                    ? await notifications.PreviewImportAsync(document, cancellationToken)
                    : await notifications.ImportAsync(context.User, document, cancellationToken)))
            .WithName("ImportNotificationCodeLists")
            .WithSummary("Upserts topics by code and replaces the configurations, atomically; ?preview=true only says what would change. 400 names each bad field.")
            .RequireScope(ApiKeyScopes.ConfigWrite);
    }
}
