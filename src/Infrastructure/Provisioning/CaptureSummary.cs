namespace Switchboard.Infrastructure.Provisioning;

/// <summary>What storing a batch did.</summary>
public sealed record CaptureSummary(int Stored, int Duplicates, int Ignored, IReadOnlyList<long> EnvelopeIds)
{
    public static readonly CaptureSummary Empty = new(0, 0, 0, []);
}
