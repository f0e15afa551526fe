namespace Switchboard.Infrastructure.Mattermost;

/// <summary>Mattermost answered with an error: its status, its error id and message (never a token).</summary>
public sealed class MattermostApiException(int statusCode, string errorId, string message)
    : Exception($"{statusCode} {errorId}: {message}")
{
    public int StatusCode { get; } = statusCode;
    public string ErrorId { get; } = errorId;

    /// <summary>Personal access tokens are switched off on the server (501 <c>app.user_access_token.disabled</c>): no token can be created for anyone.</summary>
    public bool TokensDisabled => ErrorId == MattermostClient.DisabledTokensErrorId;
}
