namespace Switchboard.Domain.Mattermost;

/// <summary>A token was asked for someone the eligibility rule leaves out; the message says who and why.</summary>
public sealed class TokenNotEligibleException(string username, TokenIneligibility why, string? state)
    : InvalidOperationException($"{username} gets no Mattermost token: {TokenEligibilityRule.Describe(why, state)}. "
        + "Only active people (not disabled, not deleted, not in a leaver state) with Mattermost sync on have one.")
{
    public string Username { get; } = username;
    public TokenIneligibility Why { get; } = why;
}
