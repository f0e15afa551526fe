using System.Threading.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.Domain.ChatOps;
using Switchboard.Infrastructure.Persistence;

namespace Switchboard.Infrastructure.ChatOps;

/// <summary>
/// Calls per minute, per bridge and per person (<c>ChatOps:CallsPerBridgePerMinute</c>, <c>CallsPerUserPerMinute</c>),
/// counted from the stored calls of the last minute, so the limits hold across every instance on the database; the
/// webhook checks and stores in one write transaction (on PostgreSQL behind an advisory lock per bridge), so two instances
/// cannot both take the last place. A refusal is
/// logged. Rejected calls (wrong token, unknown bridge) per source address (<c>RejectedCallsPerSourcePerMinute</c>) are
/// counted in memory, per instance: they write nothing, which is their point. A partition is dropped once its window is
/// over and it is idle, so addresses an attacker chooses do not pile up.
/// </summary>
public sealed partial class ChatOpsRateLimits(IOptions<ChatOpsOptions> options, TimeProvider clock, ILogger<ChatOpsRateLimits> logger) : IDisposable
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    /// <summary>The first key of the two-key advisory locks ChatOps takes on PostgreSQL ("CO"); the second is the bridge id.</summary>
    private const int AdvisoryLockClass = 0x434F;

    private readonly PartitionedRateLimiter<string> _rejectedPerSource = PartitionedRateLimiter.Create<string, string>(key =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.RejectedCallsPerSourcePerMinute,
            Window = Window,
            QueueLimit = 0,
        }));

    /// <summary>Whether one more rejected call from <paramref name="source"/> is over its limit (then nothing about it is written).</summary>
    public bool RefuseRejected(string source)
    {
        using var lease = _rejectedPerSource.AttemptAcquire(source);
        return !lease.IsAcquired;
    }

    /// <summary>Call inside the write transaction that stores the call, so the count and the new row go together.</summary>
    /// <returns>Null when the call may go ahead, or who is over the limit.</returns>
    public async Task<string?> RefuseAsync(SwitchboardDbContext db, Bridge bridge, string user, CancellationToken cancellationToken)
    {
        if (db.Database.IsNpgsql())
        {
            // SQLite's write transaction already admits one writer at a time; PostgreSQL's admits many, so the webhooks of
            // one bridge queue on a lock of the transaction (freed at commit or rollback) to count and store one by one.
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({AdvisoryLockClass}, {bridge.Id})", cancellationToken);
        }

        var since = clock.GetUtcNow().UtcDateTime - Window;
        var calls = db.BridgeCalls.Where(c => c.BridgeId == bridge.Id && c.ReceivedAt > since);
        var refused = await calls.CountAsync(cancellationToken) >= options.Value.CallsPerBridgePerMinute
            ? "this channel"
            : await calls.CountAsync(c => c.UserName == user, cancellationToken) >= options.Value.CallsPerUserPerMinute
                ? "you"
                : null;
        if (refused is not null)
        {
            LogRefused(logger, bridge.Name, user, refused == "you" ? "person" : "bridge");
        }

        return refused;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "[ChatOps] Bridge {Bridge}: a call from {User} was refused by the {Limit} rate limit")]
    private static partial void LogRefused(ILogger logger, string bridge, string user, string limit);

    public void Dispose() => _rejectedPerSource.Dispose();
}
