namespace Switchboard.Domain.ChatOps;

/// <summary>A bridge's settings as an Admin edits them (no secrets).</summary>
public sealed record BridgeSettings(
    string Name, IReadOnlyList<string> TriggerWords, string GlpiUrl, int RequestSourceId, TicketType TicketType, int? Urgency, int? CategoryId,
    string? SuccessReply, string? FailureReply, bool Enabled);
