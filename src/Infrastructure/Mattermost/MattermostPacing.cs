using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Switchboard.Infrastructure.Mattermost;

/// <summary>
/// Mattermost's rate limit as the portal has seen it, shared by every call for as long as the portal runs (a singleton,
/// so it outlives the message handlers <c>IHttpClientFactory</c> rotates). Once an answer shows the remaining allowance
/// is about to run out (no more than <see cref="MattermostOptions.Concurrency"/> calls left) or a 429 arrives, calls are
/// paced just under the server's <c>X-Ratelimit-Limit</c> per second (System.Threading.RateLimiting's
/// <see cref="ConcurrencyLimiter"/> holding one permit, each given back one period later on a <see cref="TimeProvider"/>
/// timer); a different limit seen later replaces the pace.
/// </summary>
public sealed partial class MattermostPacing(IOptions<MattermostOptions> options, TimeProvider time, ILogger<MattermostPacing> logger) : IDisposable
{
    /// <summary>Calls go out at this share of the server's limit, so a little drift never meets its limiter.</summary>
    public const double Margin = 0.9;

    private readonly Lock _gate = new();
    private Pace? _pace;

    /// <summary>The calls per second the server allows, once pacing has started; null before.</summary>
    public int? Limit => Volatile.Read(ref _pace)?.Limit;

    /// <summary>Waits until the next call may go out (at once while no limit is known).</summary>
    public async ValueTask WaitTurnAsync(CancellationToken cancellationToken)
    {
        while (Volatile.Read(ref _pace) is { } pace)
        {
            try
            {
                if (await pace.WaitTurnAsync(cancellationToken))
                {
                    return;
                }
            }
            catch (ObjectDisposedException)
            {
                // The pace was replaced just before this call asked: wait on the new one.
            }
        }
    }

    /// <summary>Reads the rate-limit headers of an answer and starts (or changes) pacing when they call for it.</summary>
    public void Observe(HttpResponseMessage response)
    {
        if (!int.TryParse(Header(response, "X-Ratelimit-Limit"), CultureInfo.InvariantCulture, out var limit) || limit <= 0)
        {
            return;
        }

        var remaining = int.TryParse(Header(response, "X-Ratelimit-Remaining"), CultureInfo.InvariantCulture, out var left) ? left : 0;
        if ((response.StatusCode != HttpStatusCode.TooManyRequests && remaining > options.Value.Concurrency) || Limit == limit)
        {
            return;
        }

        Pace? replaced;
        lock (_gate)
        {
            if (_pace?.Limit == limit)
            {
                return;
            }

            replaced = _pace;
            Volatile.Write(ref _pace, new Pace(limit, time));
        }

        replaced?.Dispose();
        LogPacing(logger, limit);
    }

    /// <summary>
    /// How long a 429 asks to wait: <c>X-Ratelimit-Reset</c> (seconds until the reset, as Mattermost documents it; a value
    /// that looks like a Unix time is read as one), else <c>Retry-After</c>, else one second.
    /// </summary>
    public TimeSpan ResetDelay(HttpResponseMessage response)
    {
        if (int.TryParse(Header(response, "X-Ratelimit-Reset"), CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
        {
            return seconds > 3600
                ? TimeSpan.FromSeconds(Math.Clamp(seconds - time.GetUtcNow().ToUnixTimeSeconds(), 1, 60))
                : TimeSpan.FromSeconds(Math.Max(seconds, 1));
        }

        var retryAfter = response.Headers.RetryAfter;
        return retryAfter?.Delta ?? (retryAfter?.Date is { } date ? Max(date - time.GetUtcNow(), TimeSpan.FromSeconds(1)) : TimeSpan.FromSeconds(1));
    }

    public void Dispose() => _pace?.Dispose();

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    [LoggerMessage(Level = LogLevel.Information, Message = "[Mattermost] the server limits calls to {Limit} per second; pacing calls below it")]
    private static partial void LogPacing(ILogger logger, int limit);

    /// <summary>
    /// One call may start per period, 1 / (limit × <see cref="Margin"/>) seconds: a call takes the single permit and gives it
    /// back one period later on a <see cref="TimeProvider"/> timer, so a test's clock drives the pace. (The token-bucket
    /// limiter of System.Threading.RateLimiting refills by the machine's stopwatch whatever calls it, so a clock cannot.)
    /// </summary>
    private sealed class Pace(int limit, TimeProvider time) : IDisposable
    {
        private readonly ConcurrencyLimiter _permit = new(new ConcurrencyLimiterOptions
        {
            PermitLimit = 1,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });

        public int Limit => limit;

        private TimeSpan Period => TimeSpan.FromSeconds(1 / (limit * Margin));

        /// <returns>False when the pace was replaced while waiting.</returns>
        public async ValueTask<bool> WaitTurnAsync(CancellationToken cancellationToken)
        {
            var lease = await _permit.AcquireAsync(1, cancellationToken);
            if (!lease.IsAcquired)
            {
                lease.Dispose();
                return false;
            }

            var release = new DelayedRelease(lease);
            release.Start(time, Period);
            return true;
        }

        public void Dispose() => _permit.Dispose();
    }

    /// <summary>Gives a permit back when its timer fires, and lets go of the timer.</summary>
    private sealed class DelayedRelease(RateLimitLease lease)
    {
        private readonly Lock _gate = new();
        private ITimer? _timer;

        public void Start(TimeProvider time, TimeSpan after)
        {
            lock (_gate)
            {
                _timer = time.CreateTimer(static state => ((DelayedRelease)state!).Release(), this, after, Timeout.InfiniteTimeSpan);
            }
        }

        private void Release()
        {
            lock (_gate)
            {
                lease.Dispose();
                _timer?.Dispose();
            }
        }
    }
}
