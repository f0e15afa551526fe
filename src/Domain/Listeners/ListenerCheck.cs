namespace Switchboard.Domain.Listeners;

/// <summary>One check of one Exchange Listener deployment: the listener, and Redis and Creatio when configured.</summary>
public sealed class ListenerCheck
{
    public const int BodyMaxLength = 2000;
    public const int ErrorMaxLength = 500;

    private ListenerCheck()
    {
    }

    public long Id { get; private set; }
    public string Deployment { get; private set; } = "";
    public DateTime At { get; private set; }
    public bool ListenerUp { get; private set; }
    public int? HttpStatus { get; private set; }
    public int? LatencyMilliseconds { get; private set; }

    /// <summary>The status body, trimmed to <see cref="BodyMaxLength"/>.</summary>
    public string? Body { get; private set; }
    public string? ListenerError { get; private set; }
    public bool? RedisUp { get; private set; }
    public long? RedisKeys { get; private set; }
    public string? RedisError { get; private set; }
    public bool? CreatioUp { get; private set; }
    public string? CreatioError { get; private set; }

    /// <summary>The deployment's state after this check.</summary>
    public ListenerState State { get; private set; }

    public static ListenerCheck Of(string deployment, DateTime at, ProbeResult probe, ListenerState state) => new()
    {
        Deployment = deployment,
        At = at,
        ListenerUp = probe.ListenerUp,
        HttpStatus = probe.HttpStatus,
        LatencyMilliseconds = probe.LatencyMilliseconds,
        Body = Trim(probe.Body, BodyMaxLength),
        ListenerError = Trim(probe.ListenerError, ErrorMaxLength),
        RedisUp = probe.RedisUp,
        RedisKeys = probe.RedisKeys,
        RedisError = Trim(probe.RedisError, ErrorMaxLength),
        CreatioUp = probe.CreatioUp,
        CreatioError = Trim(probe.CreatioError, ErrorMaxLength),
        State = state,
    };

    private static string? Trim(string? text, int max) => text is { Length: > 0 } t && t.Length > max ? t[..max] : text;
}
