using Switchboard.Domain.ChatOps;

namespace Switchboard.Infrastructure.ChatOps;

/// <summary>The bridge editor's fields. Secrets are write-only: blank keeps the stored value.</summary>
public sealed class BridgeForm
{
    public string Name { get; set; } = "";
    public string TriggerWords { get; set; } = "112";

    /// <summary>One or more outgoing-webhook tokens, one per line (two during a rotation).</summary>
    public string? WebhookTokens { get; set; }
    public string GlpiUrl { get; set; } = "";
    public string? AppToken { get; set; }
    public string? UserToken { get; set; }
    public int RequestSourceId { get; set; } = 1;
    public TicketType TicketType { get; set; } = TicketType.Incident;
    public int? Urgency { get; set; }
    public int? CategoryId { get; set; }
    public string? SuccessReply { get; set; } = Bridge.DefaultSuccessReply;
    public string? FailureReply { get; set; } = Bridge.DefaultFailureReply;
    public bool Enabled { get; set; } = true;

    /// <summary>Set when editing: which secrets are already stored (never their values).</summary>
    public bool HasStoredSecrets { get; set; }

    public IReadOnlyList<string> TokenList => (WebhookTokens ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public BridgeSettings Settings() => new(Name, Domain.ChatOps.TriggerWords.Parse(TriggerWords), GlpiUrl, RequestSourceId, TicketType, Urgency, CategoryId,
        SuccessReply, FailureReply, Enabled);

    public static BridgeForm Of(Bridge bridge) => new()
    {
        Name = bridge.Name,
        TriggerWords = string.Join(", ", bridge.TriggerWords),
        GlpiUrl = bridge.GlpiUrl,
        RequestSourceId = bridge.RequestSourceId,
        TicketType = bridge.TicketType,
        Urgency = bridge.Urgency,
        CategoryId = bridge.CategoryId,
        SuccessReply = bridge.SuccessReply,
        FailureReply = bridge.FailureReply,
        Enabled = bridge.Enabled,
        HasStoredSecrets = true,
    };
}
