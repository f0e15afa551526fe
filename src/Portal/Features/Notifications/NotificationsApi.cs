using Microsoft.AspNetCore.Http.HttpResults;
using Switchboard.Domain.ApiKeys;
using Switchboard.Infrastructure.Notifications;
using Switchboard.Infrastructure.Notifications.DateWatches;
using Switchboard.Portal.Api;
using Switchboard.Portal.Auth;

namespace Switchboard.Portal.Features.Notifications;

public static class NotificationsApi
{
    private static readonly string DocumentFormat =
        "The document is {\"topics\": [{code, description, subject, htmlBody, textBody}], \"configurations\": [{entityType, eventType, formProjection, "
        + "system, rule, ruleScript, topic, level, sendToIdentity, sendToManager, recipientUsernames, recipientRoles, recipientsScript, disabled, "
        + "description}]}; both lists are required (empty is fine, null is not). level is Success, Info (default), Warning or Error (any case). "
        + $"At most {CodeListDocument.MaxTopics} topics and {CodeListDocument.MaxConfigurations} configurations, "
        + $"each listing at most {NotificationConfigurationDraftValidator.MaxListedRecipients} usernames and as many roles.";

    private const string StatisticsFormat =
        "{configurationId, lastFiredAt (UTC, null when it never fired), firedLast7Days, firedLast30Days (events it queued messages for), "
        + "sentLast30Days, failedLast30Days (failed or dead messages), failedEvaluations (all time), neverFiredLately (no fire in 30 days: "
        + "a rule that never matches is usually a typo)}.";

    public static void MapNotificationsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/notifications/code-lists", async (CodeListTransferService codeLists, CancellationToken cancellationToken) =>
                TypedResults.Ok(await codeLists.ExportAsync(cancellationToken)))
            .WithName("ExportNotificationCodeLists")
            .WithSummary("Topics (with templates) and configurations as one JSON document.")
            .WithDescription(DocumentFormat)
            .RequireScope(ApiKeyScopes.ConfigRead);

        api.MapPut("/notifications/code-lists", async (CodeListDocument document, bool? preview, HttpContext context,
                CodeListTransferService codeLists, CancellationToken cancellationToken) =>
                TypedResults.Ok(preview == true
                    ? await codeLists.PreviewImportAsync(document, cancellationToken)
                    : await codeLists.ImportAsync(context.User, document, cancellationToken)))
            .WithName("ImportNotificationCodeLists")
            .WithSummary("Upserts topics by code and replaces the configurations, atomically; ?preview=true only says what would change. 400 names each bad field.")
            .WithDescription(DocumentFormat + " 400 names topics[i].Field / configurations[i].Field.")
            .RequireScope(ApiKeyScopes.ConfigWrite);

        api.MapGet("/notifications/configurations/statistics", async (NotificationConfigurationsService configurations, CancellationToken cancellationToken) =>
                TypedResults.Ok(await configurations.StatisticsAsync(cancellationToken)))
            .WithName("ConfigurationStatistics")
            .WithSummary("Every configuration's figures, by id: last fired, fires in the last 7 and 30 days, messages sent and failed (30 days), failed evaluations.")
            .WithDescription(StatisticsFormat)
            .RequireScope(ApiKeyScopes.ConfigRead);

        api.MapGet("/notifications/configurations/{id:int}/statistics", async (int id, NotificationConfigurationsService configurations, CancellationToken cancellationToken) =>
                TypedResults.Ok(await configurations.StatisticsAsync(id, cancellationToken)))
            .WithName("ConfigurationStatisticsOfOne")
            .WithSummary("One configuration's figures; 404 (problem details) when there is no such configuration.")
            .WithDescription(StatisticsFormat)
            .RequireScope(ApiKeyScopes.ConfigRead);

        api.MapGet("/notifications/planned", async (PlannedNotificationsService planned, CancellationToken cancellationToken,
                int? configurationId = null, string? identity = null, int page = 0, int pageSize = 50) =>
                TypedResults.Ok(await planned.ComingUpAsync(new ComingUpQuery(configurationId, string.IsNullOrWhiteSpace(identity) ? null : identity),
                    Math.Max(0, page), Math.Clamp(pageSize, 1, 500), cancellationToken)))
            .WithName("ListPlannedNotifications")
            .WithSummary("Notifications ahead of a date still to fire, soonest first, and the failed ones (status Failed, note the reason); "
                + "?configurationId= and ?identity= narrow them.")
            .WithDescription(ApiPaging.Description)
            .RequireScope(ApiKeyScopes.ConfigRead);

        api.MapPost("/notifications/planned/{id:long}/retries", async Task<Results<Accepted, ProblemHttpResult>> (
                long id, HttpContext context, PlannedNotificationsService planned, CancellationToken cancellationToken) =>
                await planned.RetryAsync(context.User, id, cancellationToken)
                    ? TypedResults.Accepted((string?)null)
                    : TypedResults.Problem($"Planned notification {id} has not failed: only a failed one is retried.", statusCode: StatusCodes.Status409Conflict, title: "Not failed"))
            .WithName("RetryPlannedNotification")
            .WithSummary("Plans a failed notification ahead of a date again; the date job fires it at once with the configuration as it is now. "
                + "202; 409 when it has not failed; 404 when there is no such row.")
            .RequireScope(ApiKeyScopes.JobsRun);
    }
}
