using System.Threading.RateLimiting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Switchboard.Infrastructure.ChatOps;

/// <summary>
/// Calls per minute, per bridge and per person (<c>ChatOps:CallsPerBridgePerMinute</c>, <c>CallsPerUserPerMinute</c>); a
/// refusal is logged. Rejected calls (wrong token, unknown bridge) per source address
/// (<c>RejectedCallsPerSourcePerMinute</c>). A partition is dropped once its window is over and it is idle, so keys an
/// attacker chooses (user names, addresses) do not pile up; user names are at most <see cref="Domain.ChatOps.WebhookPost.FieldMaxLength"/> long.
/// </summary>
public sealed partial class ChatOpsRateLimits(IOptions<ChatOpsOptions> options, ILogger<ChatOpsRateLimits> logger) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _perBridge = Limiter(options.Value.CallsPerBridgePerMinute);
    private readonly PartitionedRateLimiter<string> _perUser = Limiter(options.Value.CallsPerUserPerMinute);
    private readonly PartitionedRateLimiter<string> _rejectedPerSource = Limiter(options.Value.RejectedCallsPerSourcePerMinute);

    /// <summary>Whether one more rejected call from <paramref name="source"/> is over its limit (then nothing about it is written).</summary>
    public bool RefuseRejected(string source)
    {
        using var lease = _rejectedPerSource.AttemptAcquire(source);
        return !lease.IsAcquired;
    }

    /// <returns>Null when the call may go ahead, or who is over the limit.</returns>
    public string? Refuse(string bridge, string user)
    {
        using var bridgeLease = _perBridge.AttemptAcquire(bridge);
        using var userLease = bridgeLease.IsAcquired ? _perUser.AttemptAcquire($"{bridge}\n{user.ToLowerInvariant()}") : null;
        var refused = !bridgeLease.IsAcquired ? "this channel" : userLease!.IsAcquired ? null : "you";
        if (refused is not null)
        {
            LogRefused(logger, bridge, user, bridgeLease.IsAcquired ? "person" : "bridge");
        }

        return refused;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "[ChatOps] Bridge {Bridge}: a call from {User} was refused by the {Limit} rate limit")]
    private static partial void LogRefused(ILogger logger, string bridge, string user, string limit);

    private static PartitionedRateLimiter<string> Limiter(int perMinute) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = perMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));

    public void Dispose()
    {
        _perBridge.Dispose();
        _perUser.Dispose();
        _rejectedPerSource.Dispose();
    }
}
