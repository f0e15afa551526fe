using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Options;
using Polly.Timeout;
using StackExchange.Redis;
using Switchboard.Domain.Listeners;

namespace Switchboard.Infrastructure.Listeners;

/// <summary>
/// Checks one deployment: <c>GET /api/listeners/status</c> (up on 2xx within the timeout), Redis <c>PING</c> and the size
/// of its database, Creatio's anonymous ExchangeListenerService. Each part has the timeout (the HTTP calls' through their
/// resilience pipeline, <see cref="Http.HttpResilience.AddListenerProbeResilience"/>); nothing throws.
/// </summary>
public sealed class ListenerProbe(IHttpClientFactory clients, IOptions<ListenerOptions> options, TimeProvider time) : IAsyncDisposable
{
    public const string HttpClientName = "exchange-listener";

    private readonly ConcurrentDictionary<string, Lazy<Task<ConnectionMultiplexer>>> _redis = new();

    public async Task<ProbeResult> ProbeAsync(ListenerDeployment deployment, CancellationToken cancellationToken)
    {
        var timeout = options.Value.Timeout;
        var listener = ListenerAsync(deployment, timeout, cancellationToken);
        var redis = deployment.Redis is { Length: > 0 } ? RedisAsync(deployment, timeout) : Task.FromResult<(bool?, long?, string?)>((null, null, null));
        var creatio = deployment.CreatioUrl is { Length: > 0 } url ? CreatioAsync(url, timeout, cancellationToken) : Task.FromResult<(bool?, string?)>((null, null));
        var (up, status, latency, body, error) = await listener;
        var (redisUp, keys, redisError) = await redis;
        var (creatioUp, creatioError) = await creatio;
        return new ProbeResult(up, status, latency, body, error, redisUp, keys, redisError, creatioUp, creatioError);
    }

    private async Task<(bool, int?, int?, string?, string?)> ListenerAsync(ListenerDeployment deployment, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var timer = Stopwatch.StartNew();
        try
        {
            using var http = clients.CreateClient(HttpClientName);
            using var response = await http.GetAsync($"{deployment.ServiceUrl.TrimEnd('/')}/api/listeners/status", cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var latency = (int)timer.ElapsedMilliseconds;
            return response.IsSuccessStatusCode
                ? (true, (int)response.StatusCode, latency, body, null)
                : (false, (int)response.StatusCode, latency, body, $"answered {(int)response.StatusCode}");
        }
        catch (TimeoutRejectedException)
        {
            return (false, null, null, null, $"no answer within {timeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException failed)
        {
            return (false, null, null, null, $"cannot connect ({failed.HttpRequestError})");
        }
    }

    private async Task<(bool?, long?, string?)> RedisAsync(ListenerDeployment deployment, TimeSpan timeout)
    {
        try
        {
            var connection = await _redis.GetOrAdd(deployment.Redis!, text => new Lazy<Task<ConnectionMultiplexer>>(() => ConnectAsync(text, timeout))).Value;
            var ping = connection.GetDatabase(deployment.RedisDatabase).PingAsync();
            try
            {
                await ping.WaitAsync(timeout, time);
            }
            catch (TimeoutException)
            {
                return (false, null, $"no PING answer within {timeout.TotalSeconds:0.#} s");
            }

            var server = connection.GetServer(connection.GetEndPoints()[0]);
            return (true, await server.DatabaseSizeAsync(deployment.RedisDatabase), null);
        }
        catch (Exception failed) when (failed is RedisException or TimeoutException or System.Net.Sockets.SocketException)
        {
            // The message names the endpoint, never the password.
            _redis.TryRemove(deployment.Redis!, out _);
            return (false, null, failed is RedisConnectionException connection ? $"cannot connect ({connection.FailureType})" : failed.GetType().Name);
        }
    }

    private static async Task<ConnectionMultiplexer> ConnectAsync(string configuration, TimeSpan timeout)
    {
        var settings = ConfigurationOptions.Parse(configuration);
        settings.AbortOnConnectFail = false;
        settings.ConnectTimeout = (int)timeout.TotalMilliseconds;
        settings.SyncTimeout = (int)timeout.TotalMilliseconds;
        settings.AsyncTimeout = (int)timeout.TotalMilliseconds;
        settings.AllowAdmin = true; // DBSIZE
        return await ConnectionMultiplexer.ConnectAsync(settings);
    }

    private async Task<(bool?, string?)> CreatioAsync(string creatioUrl, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            using var http = clients.CreateClient(HttpClientName);
            using var response = await http.GetAsync(CreatioSettings.ServiceModelUrl(creatioUrl), cancellationToken);
            return (int)response.StatusCode < 500 ? (true, null) : (false, $"answered {(int)response.StatusCode}");
        }
        catch (TimeoutRejectedException)
        {
            return (false, $"no answer within {timeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException failed)
        {
            return (false, $"cannot connect ({failed.HttpRequestError})");
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in _redis.Values.Where(c => c.IsValueCreated))
        {
            try
            {
                await (await connection.Value).DisposeAsync();
            }
            catch (RedisException)
            {
                // Closing a connection that never opened.
            }
        }
    }
}
