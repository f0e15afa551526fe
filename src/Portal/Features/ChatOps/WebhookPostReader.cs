using System.Text.Json;
using Switchboard.Domain.ChatOps;

namespace Switchboard.Portal.Features.ChatOps;

/// <summary>Reads Mattermost's outgoing-webhook request, JSON or form-encoded (the two content types Mattermost can send).</summary>
public static class WebhookPostReader
{
    public static async Task<WebhookPost?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(cancellationToken);
            return From(name => form.TryGetValue(name, out var value) ? value.ToString() : null);
        }

        if (!request.HasJsonContentType())
        {
            return null;
        }

        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
            var root = document.RootElement;
            return root.ValueKind != JsonValueKind.Object ? null
                : From(name => root.TryGetProperty(name, out var value) ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.ToString() : null);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static WebhookPost From(Func<string, string?> field) => new(
        field("token"), field("post_id") ?? "", field("user_name") ?? "", field("user_id"), field("channel_name"), field("channel_id"),
        field("team_domain"), field("team_id"), field("text"), field("trigger_word"));
}
