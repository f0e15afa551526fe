using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Switchboard.Infrastructure.Mattermost;

/// <summary>
/// How calls to Mattermost behave on the wire. Transient failures (5xx but 501 and 505, timeouts, refused connections) are tried
/// again a few times with back-off. Mattermost's rate limiter is honoured: once a response shows that the remaining
/// allowance is about to run out (or a 429 arrives), calls are paced just under the server's <c>X-Ratelimit-Limit</c>
/// per second, so the server is not asked more than it allows and a 429 is not met again; a 429 waits for
/// <c>X-Ratelimit-Reset</c> (or <c>Retry-After</c>) and is retried.
/// </summary>
public sealed partial class MattermostTrafficHandler(IOptions<MattermostOptions> options, ILogger<MattermostTrafficHandler> logger) : DelegatingHandler
{
    private const double PaceMargin = 0.9;
    private readonly object _paceLock = new();
    private RateLimiter? _pace;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        for (var attempt = 0; ; attempt++)
        {
            if (_pace is { } pace)
            {
                using var lease = await pace.AcquireAsync(1, cancellationToken);
            }

            HttpResponseMessage response;
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(options.Value.RequestTimeout);
                response = await base.SendAsync(Copy(request, body), timeout.Token);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is HttpRequestException or OperationCanceledException
                && attempt < options.Value.MaxRetries)
            {
                LogRetrying(logger, request.Method.Method, Path(request), ex.GetType().Name, attempt + 1);
                await Task.Delay(BackOff(attempt), cancellationToken);
                continue;
            }

            Observe(response);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                var wait = ResetDelay(response);
                LogRateLimited(logger, wait.TotalSeconds);
                response.Dispose();
                await Task.Delay(wait, cancellationToken);
                attempt--; // waiting out the limiter is not a failed attempt
                continue;
            }

            if (IsTransient(response.StatusCode) && attempt < options.Value.MaxRetries)
            {
                LogRetrying(logger, request.Method.Method, Path(request), ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture), attempt + 1);
                response.Dispose();
                await Task.Delay(BackOff(attempt), cancellationToken);
                continue;
            }

            return response;
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _pace?.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>Starts pacing when the allowance left is no more than the calls that may be under way at once.</summary>
    private void Observe(HttpResponseMessage response)
    {
        if (_pace is not null || !int.TryParse(Header(response, "X-Ratelimit-Limit"), CultureInfo.InvariantCulture, out var limit) || limit <= 0)
        {
            return;
        }

        var remaining = int.TryParse(Header(response, "X-Ratelimit-Remaining"), CultureInfo.InvariantCulture, out var left) ? left : 0;
        if (response.StatusCode != HttpStatusCode.TooManyRequests && remaining > options.Value.Concurrency)
        {
            return;
        }

        lock (_paceLock)
        {
            _pace ??= new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
            {
                TokenLimit = 1,
                TokensPerPeriod = 1,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1 / (limit * PaceMargin)),
                QueueLimit = int.MaxValue,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                AutoReplenishment = true,
            });
        }

        LogPacing(logger, limit);
    }

    private static TimeSpan ResetDelay(HttpResponseMessage response)
    {
        if (int.TryParse(Header(response, "X-Ratelimit-Reset"), CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
        {
            // Mattermost documents the header as seconds until the reset; an epoch time would be far in the future.
            return seconds > 3600 ? TimeSpan.FromSeconds(Math.Clamp(seconds - DateTimeOffset.UtcNow.ToUnixTimeSeconds(), 1, 60)) : TimeSpan.FromSeconds(Math.Max(seconds, 1));
        }

        return response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    /// <summary>
    /// A server error that may go away: 5xx except 501 Not Implemented (e.g. <c>app.user_access_token.disabled</c>, a
    /// setting of the server) and 505, which answer the same however often they are asked.
    /// </summary>
    public static bool IsTransient(HttpStatusCode status) =>
        (int)status >= 500 && status is not (HttpStatusCode.NotImplemented or HttpStatusCode.HttpVersionNotSupported);

    private static TimeSpan BackOff(int attempt) => TimeSpan.FromMilliseconds(200 * Math.Pow(2, attempt));

    private static string Path(HttpRequestMessage request) => request.RequestUri?.AbsolutePath ?? "";

    private static HttpRequestMessage Copy(HttpRequestMessage request, byte[]? body)
    {
        var copy = new HttpRequestMessage(request.Method, request.RequestUri) { Version = request.Version };
        foreach (var (name, values) in request.Headers)
        {
            copy.Headers.TryAddWithoutValidation(name, values);
        }

        if (body is not null)
        {
            copy.Content = new ByteArrayContent(body);
            foreach (var (name, values) in request.Content!.Headers)
            {
                copy.Content.Headers.TryAddWithoutValidation(name, values);
            }
        }

        return copy;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "[Mattermost] {Method} {Path} failed ({Reason}); trying again (attempt {Attempt})")]
    private static partial void LogRetrying(ILogger logger, string method, string path, string reason, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "[Mattermost] rate limited; waiting {Seconds} s")]
    private static partial void LogRateLimited(ILogger logger, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "[Mattermost] the server limits calls to {Limit} per second; pacing calls below it")]
    private static partial void LogPacing(ILogger logger, int limit);
}
