using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Switchboard.Infrastructure.ChatOps;

namespace Switchboard.Portal.Features.ChatOps;

/// <summary>
/// <c>POST /hooks/mattermost/{bridge}</c>: Mattermost's outgoing webhook, mapped from HTTP to <see cref="BridgeWebhook"/>
/// and back. The body is read up to <c>ChatOps:MaxHookBodyBytes</c> (413 beyond) and its fields cut to Mattermost's sizes;
/// everything else (token, limits, recording, sending, the reply within <c>ChatOps:ReplyWithin</c>) is the use case's.
/// </summary>
public static class MattermostHook
{
    public const string PathPrefix = "/hooks/mattermost";

    public static string UrlOf(string portalBase, string bridge) => $"{portalBase.TrimEnd('/')}{PathPrefix}/{bridge}";

    public static void MapMattermostHook(this IEndpointRouteBuilder app) =>
        app.MapPost(PathPrefix + "/{bridge}", HandleAsync).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();

    private static async Task<Results<Ok<HookReply>, JsonHttpResult<HookReply>, ProblemHttpResult>> HandleAsync(
        string bridge, HttpContext context, BridgeWebhook webhook, IOptions<ChatOpsOptions> options, CancellationToken cancellationToken)
    {
        var read = await WebhookPostReader.ReadAsync(context.Request, options.Value.MaxHookBodyBytes, cancellationToken);
        if (read.Post is not { } post)
        {
            return read.RefusedWith == StatusCodes.Status413PayloadTooLarge
                ? TypedResults.Problem($"The body is larger than {options.Value.MaxHookBodyBytes / 1024} KiB; a Mattermost outgoing-webhook payload is far smaller.",
                    statusCode: StatusCodes.Status413PayloadTooLarge, title: "Payload too large")
                : TypedResults.Problem("Send Mattermost's outgoing-webhook payload as application/json or application/x-www-form-urlencoded.",
                    statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported payload");
        }

        var answer = await webhook.ReceiveAsync(bridge, post, context.Connection.RemoteIpAddress?.ToString() ?? "unknown", cancellationToken);
        return answer.IsRefusal ? TypedResults.Problem(answer.Text, statusCode: answer.StatusCode, title: answer.RefusalTitle)
            : answer.StatusCode == StatusCodes.Status200OK ? TypedResults.Ok(HookReply.Comment(answer.Text))
            : TypedResults.Json(HookReply.Comment(answer.Text), statusCode: answer.StatusCode);
    }
}
