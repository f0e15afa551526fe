namespace Switchboard.Domain.Listeners;

/// <summary>What one probe of a deployment found. Redis and Creatio are null when not configured.</summary>
public sealed record ProbeResult(
    bool ListenerUp, int? HttpStatus, int? LatencyMilliseconds, string? Body, string? ListenerError,
    bool? RedisUp = null, long? RedisKeys = null, string? RedisError = null, bool? CreatioUp = null, string? CreatioError = null);
