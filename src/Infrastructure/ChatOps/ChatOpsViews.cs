using Switchboard.Domain.ChatOps;

namespace Switchboard.Infrastructure.ChatOps;

public sealed record BridgeRow(int Id, string Name, IReadOnlyList<string> TriggerWords, string GlpiUrl, bool Enabled, DateTime? LastCallAt, int Calls, int Created, int Failed)
{
    /// <summary>Tickets opened out of the calls that asked for one, over the last 30 days; null without calls.</summary>
    public double? SuccessRate => Created + Failed == 0 ? null : (double)Created / (Created + Failed);
}

public sealed record CallFilter(int? BridgeId = null, CallStatus? Status = null, string? User = null);

/// <param name="TicketUrl">The ticket's page in GLPI, once one was opened.</param>
/// <param name="Person">The directory username of the Mattermost user who wrote, when the directory knows them.</param>
public sealed record CallRow(
    long Id, string Bridge, string PostId, string UserName, string? ChannelName, string Text, DateTime ReceivedAt, CallStatus Status, long? TicketId,
    string? ErrorCode, string? ErrorMessage, int Attempts, DateTime? NextAttemptAt, int? GlpiMilliseconds, int? ReplyMilliseconds,
    string? TicketUrl = null, string? Person = null);

public sealed record ChatOpsSummary(int TicketsToday, int FailedCalls);
