namespace Switchboard.Domain.Mattermost;

/// <summary>What a run did for one person.</summary>
public sealed class TokenOutcome
{
    public const int DetailMaxLength = 1000;

    private TokenOutcome()
    {
    }

    public long Id { get; private set; }
    public long RunId { get; private set; }
    public int PersonId { get; private set; }
    public string Username { get; private set; } = "";
    public TokenOutcomeKind Kind { get; private set; }

    /// <summary>For failures: Mattermost's error id and message. Never the token.</summary>
    public string? Detail { get; private set; }
    public DateTime At { get; private set; }

    public static TokenOutcome Of(long runId, int personId, string username, TokenOutcomeKind kind, string? detail, DateTime now) => new()
    {
        RunId = runId,
        PersonId = personId,
        Username = username,
        Kind = kind,
        Detail = detail is { Length: > DetailMaxLength } ? detail[..DetailMaxLength] : detail,
        At = now,
    };
}

public enum TokenOutcomeKind
{
    Generated,
    Rotated,
    NotFound,
    Failed,
}
