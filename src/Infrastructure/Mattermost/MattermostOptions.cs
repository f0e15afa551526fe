using Switchboard.Domain.Mattermost;

namespace Switchboard.Infrastructure.Mattermost;

/// <summary>The Mattermost server and the token job (<c>Mattermost</c>). The admin token is a secret: give it by environment.</summary>
public sealed class MattermostOptions
{
    public const string SectionName = "Mattermost";

    public bool Enabled { get; set; }

    /// <summary>e.g. <c>https://chat.example.org</c>.</summary>
    public string? Url { get; set; }

    /// <summary>A system admin's personal access token; never logged or shown.</summary>
    public string? AdminToken { get; set; }

    /// <summary>A cron expression (five fields, UTC) for the job; empty: on demand only.</summary>
    public string? Schedule { get; set; } = "*/15 * * * *";

    /// <summary>How long new tokens live (sent as <c>expires_at</c>); zero: they never expire.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromDays(90);

    /// <summary>A stored token that expires within this window is rotated.</summary>
    public TimeSpan RotateWithin { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How many calls to Mattermost may be under way at once.</summary>
    public int Concurrency { get; set; } = 16;

    /// <summary>How often a call that failed with a 5xx, a broken connection or a timeout is tried again (0 to 10).</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>Time limit of one attempt of a call (at most 90 s); a 429's wait comes on top.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Directory states that mean a person has left: nobody in one gets a token (compared whatever the case). Unset: <see cref="DefaultLeaverStates"/>.
    /// </summary>
    public string[]? LeaverStates { get; set; }

    public static readonly IReadOnlyList<string> DefaultLeaverStates = ["LEFT", "DISABLED"];

    public IReadOnlyList<string> EffectiveLeaverStates => LeaverStates is { Length: > 0 } states ? states : DefaultLeaverStates;

    /// <summary>Who may hold a token, with the configured leaver states.</summary>
    public TokenEligibilityRule Eligibility => new(EffectiveLeaverStates);

    public bool Configured => Enabled && !string.IsNullOrWhiteSpace(Url) && !string.IsNullOrWhiteSpace(AdminToken);
}
