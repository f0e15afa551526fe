using Switchboard.Domain.ChatOps;

namespace Switchboard.Portal.Features.ChatOps;

/// <summary>The webhook post read from a request, or the status that refuses it (415 not JSON or form, 413 too large).</summary>
public sealed record WebhookRead(WebhookPost? Post, int? RefusedWith)
{
    public static WebhookRead Unsupported { get; } = new(null, StatusCodes.Status415UnsupportedMediaType);
    public static WebhookRead TooLarge { get; } = new(null, StatusCodes.Status413PayloadTooLarge);
}
