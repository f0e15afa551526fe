using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Switchboard.Domain.ChatOps;

namespace Switchboard.Portal.Features.ChatOps;

/// <summary>
/// Reads Mattermost's outgoing-webhook request, JSON or form-encoded (the two content types Mattermost can send), reading
/// at most <c>maxBytes</c> of the body: a larger one is refused unread, and every field is cut to Mattermost's own sizes
/// (<see cref="WebhookPost.Capped"/>).
/// </summary>
public static class WebhookPostReader
{
    public static async Task<WebhookRead> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        var form = request.ContentType is { } type && type.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);
        if (!form && !request.HasJsonContentType())
        {
            return WebhookRead.Unsupported;
        }

        if (await ReadLimitedAsync(request, maxBytes, cancellationToken) is not { } body)
        {
            return WebhookRead.TooLarge;
        }

        if (form)
        {
            using var reader = new FormReader(new MemoryStream(body, writable: false));
            var fields = await reader.ReadFormAsync(cancellationToken);
            return new WebhookRead(WebhookPost.Capped(name => fields.TryGetValue(name, out var value) ? value.ToString() : null), null);
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            return root.ValueKind != JsonValueKind.Object ? WebhookRead.Unsupported
                : new WebhookRead(WebhookPost.Capped(name => root.TryGetProperty(name, out var value)
                    ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.ToString()
                    : null), null);
        }
        catch (JsonException)
        {
            return WebhookRead.Unsupported;
        }
    }

    /// <returns>The body, or null when it is larger than <paramref name="maxBytes"/> (declared or sent).</returns>
    private static async Task<byte[]?> ReadLimitedAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            return null;
        }

        var buffer = new byte[(request.ContentLength ?? maxBytes) + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
        {
            length += read;
        }

        return length > maxBytes ? null : buffer[..length];
    }
}
