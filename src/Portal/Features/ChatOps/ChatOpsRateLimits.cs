using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Switchboard.Infrastructure.ChatOps;

namespace Switchboard.Portal.Features.ChatOps;

/// <summary>Calls per minute, per bridge and per person (<c>ChatOps:CallsPerBridgePerMinute</c>, <c>CallsPerUserPerMinute</c>).</summary>
public sealed class ChatOpsRateLimits(IOptions<ChatOpsOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _perBridge = Limiter(options.Value.CallsPerBridgePerMinute);
    private readonly PartitionedRateLimiter<string> _perUser = Limiter(options.Value.CallsPerUserPerMinute);

    /// <returns>Null when the call may go ahead, or who is over the limit.</returns>
    public string? Refuse(string bridge, string user)
    {
        using var bridgeLease = _perBridge.AttemptAcquire(bridge);
        if (!bridgeLease.IsAcquired)
        {
            return "this channel";
        }

        using var userLease = _perUser.AttemptAcquire($"{bridge}\n{user.ToLowerInvariant()}");
        return userLease.IsAcquired ? null : "you";
    }

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
    }
}
