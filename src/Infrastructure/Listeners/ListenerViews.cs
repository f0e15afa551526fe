using Switchboard.Domain.Listeners;

namespace Switchboard.Infrastructure.Listeners;

/// <summary>A deployment as the Listeners page and <c>GET /api/listeners</c> show it.</summary>
public sealed record DeploymentView(
    string Name, string ServiceUrl, ListenerState State, DateTime? Since, DateTime? LastCheckAt, int? LatencyMilliseconds,
    double? Uptime24Hours, double? Uptime7Days, int Replicas, int? ActiveMailboxes, int? RecommendedReplicas, bool HasRedis, bool HasCreatio)
{
    public bool TooFewReplicas => RecommendedReplicas is { } recommended && Replicas < recommended;

    /// <summary>How much of the last 24 hours the stored checks cover: less than a day when the deployment was first checked within it.</summary>
    public TimeSpan? UptimeCovers24Hours { get; init; }

    /// <summary>How much of the last 7 days the stored checks cover.</summary>
    public TimeSpan? UptimeCovers7Days { get; init; }

    /// <summary>The latest checks, oldest first, for the heartbeat bar.</summary>
    public IReadOnlyList<CheckPoint> Heartbeat { get; init; } = [];
}

public sealed record CheckRow(long Id, DateTime At, ListenerState State, bool ListenerUp, int? HttpStatus, int? LatencyMilliseconds, string? ListenerError,
    bool? RedisUp, long? RedisKeys, string? RedisError, bool? CreatioUp, string? CreatioError, string? Body);

public sealed record StateChange(DateTime At, ListenerState From, ListenerState To);

/// <summary>
/// A deployment's last day as its charts draw it: latency percentiles per stretch of time (and how long a stretch is), the axis top (checks slower than it are drawn at it),
/// how many checks lie above it, how much of the day the checks cover, and the state changes, newest first.
/// </summary>
public sealed record LatencyHistory(
    IReadOnlyList<LatencyBucket> Buckets, TimeSpan BucketWidth, int AxisTop, int AboveAxis, TimeSpan Covers, IReadOnlyList<StateChange> Changes);

/// <summary>The settings Creatio needs for this deployment, and the replica advice.</summary>
public sealed record CreatioSettingsView(string ExchangeListenerServiceUri, string? BpmonlineExchangeEventsEndpointUrl, int Replicas, int? RecommendedReplicas);
