using Switchboard.Domain.Listeners;

namespace Switchboard.Infrastructure.Listeners;

/// <summary>A deployment as the Listeners page and <c>GET /api/listeners</c> show it.</summary>
public sealed record DeploymentView(
    string Name, string ServiceUrl, ListenerState State, DateTime? Since, DateTime? LastCheckAt, int? LatencyMilliseconds,
    double? Uptime24Hours, double? Uptime7Days, int Replicas, int? ActiveMailboxes, int? RecommendedReplicas, bool HasRedis, bool HasCreatio)
{
    public bool TooFewReplicas => RecommendedReplicas is { } recommended && Replicas < recommended;
}

public sealed record CheckRow(long Id, DateTime At, ListenerState State, bool ListenerUp, int? HttpStatus, int? LatencyMilliseconds, string? ListenerError,
    bool? RedisUp, long? RedisKeys, string? RedisError, bool? CreatioUp, string? CreatioError, string? Body);

public sealed record StateChange(DateTime At, ListenerState From, ListenerState To);

/// <summary>The settings Creatio needs for this deployment, and the replica advice.</summary>
public sealed record CreatioSettingsView(string ExchangeListenerServiceUri, string? BpmonlineExchangeEventsEndpointUrl, int Replicas, int? RecommendedReplicas);
