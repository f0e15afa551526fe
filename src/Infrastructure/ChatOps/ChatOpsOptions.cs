using Switchboard.Domain.Retries;

namespace Switchboard.Infrastructure.ChatOps;

/// <summary>The <c>ChatOps</c> section: timing, retries and rate limits of the Mattermost → GLPI bridges.</summary>
public sealed class ChatOpsOptions
{
    public const string SectionName = "ChatOps";

    /// <summary>Mattermost gets its answer within this time; a GLPI still busy then finishes in the background.</summary>
    public TimeSpan ReplyWithin { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Time limit of one GLPI call, its retries included (at most 90 s).</summary>
    public TimeSpan GlpiTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// How often a GLPI read (<c>initSession</c>, the ticket search, <c>killSession</c>) that failed transiently is tried again
    /// within <see cref="GlpiTimeout"/>; the call that creates a ticket never is.
    /// </summary>
    public int GlpiRetries { get; set; } = 2;

    public int MaxAttempts { get; set; } = 10;
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>When a call GLPI failed is sent again: <see cref="MaxAttempts"/> attempts, doubling from <see cref="FirstRetryDelay"/>.</summary>
    public RetrySchedule Retries => new(MaxAttempts, FirstRetryDelay);

    /// <summary>How often the retry job looks for failed calls whose time has come.</summary>
    public TimeSpan RetryInterval { get; set; } = TimeSpan.FromSeconds(15);

    public int CallsPerBridgePerMinute { get; set; } = 60;
    public int CallsPerUserPerMinute { get; set; } = 6;

    /// <summary>Calls refused for a wrong token or bridge, per source address; beyond, 429 and nothing written.</summary>
    public int RejectedCallsPerSourcePerMinute { get; set; } = 10;

    /// <summary>Largest webhook body (413 beyond). Mattermost's payload with a post of at most 16,383 characters fits in far less.</summary>
    public int MaxHookBodyBytes { get; set; } = 64 * 1024;
}
