namespace Switchboard.Domain.Provisioning;

/// <summary>What people did with an envelope (reruns, notes, resolution, archive): part of its timeline.</summary>
public sealed class EnvelopeActivity
{
    public const int TextMaxLength = 4000;

    private EnvelopeActivity()
    {
    }

    public long Id { get; private set; }
    public long EnvelopeId { get; private set; }
    public DateTime At { get; private set; }
    public string Actor { get; private set; } = "";
    public EnvelopeActivityKind Kind { get; private set; }
    public string? Text { get; private set; }

    public static EnvelopeActivity Of(long envelopeId, string actor, EnvelopeActivityKind kind, string? text, DateTime now) => new()
    {
        EnvelopeId = envelopeId,
        Actor = actor,
        Kind = kind,
        Text = text is { Length: > TextMaxLength } ? text[..TextMaxLength] : text,
        At = now,
    };
}
