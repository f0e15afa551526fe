namespace Switchboard.Infrastructure.Provisioning;

/// <summary>What a bulk rerun did: published, not sent (with the last reason), and skipped because the account succeeded since.</summary>
public sealed record BulkRerunResult(int Sent, int Refused, int Skipped, string? LastProblem);
