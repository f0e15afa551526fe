namespace Switchboard.Domain.Mattermost;

/// <summary>What a run does for one person with chat sync enabled.</summary>
public enum TokenAction
{
    /// <summary>No token stored: create one.</summary>
    Create,

    /// <summary>The stored token has expired or expires within the rotation window: create a new one, then revoke the old.</summary>
    Rotate,

    /// <summary>A valid token is stored: nothing to do ("already has token").</summary>
    Keep,

    /// <summary>Not eligible for a token (disabled, or in a leaver state): nothing is created; the reason says why.</summary>
    Skip,
}

/// <summary>Decides, from what is stored about a person's token, what a run should do.</summary>
public static class TokenPlan
{
    public static TokenAction For(bool hasToken, DateTime? expiresAt, DateTime now, TimeSpan rotateWithin) =>
        !hasToken ? TokenAction.Create
        : expiresAt is { } expiry && expiry - rotateWithin <= now ? TokenAction.Rotate
        : TokenAction.Keep;

    /// <summary>Why, in words, for the preview.</summary>
    public static string Reason(TokenAction action, DateTime? expiresAt, DateTime now) => action switch
    {
        TokenAction.Create => "no token stored",
        TokenAction.Rotate when expiresAt <= now => $"token expired {expiresAt:yyyy-MM-dd HH:mm} UTC",
        TokenAction.Rotate => $"token expires {expiresAt:yyyy-MM-dd HH:mm} UTC, within the rotation window",
        _ => expiresAt is null ? "already has a token that does not expire" : $"already has a token valid until {expiresAt:yyyy-MM-dd}",
    };
}
