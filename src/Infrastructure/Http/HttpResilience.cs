using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using Switchboard.Infrastructure.ChatOps;
using Switchboard.Infrastructure.Listeners;
using Switchboard.Infrastructure.Mattermost;

namespace Switchboard.Infrastructure.Http;

/// <summary>
/// How every outgoing HTTP call of the portal behaves, in one place: a Polly resilience pipeline per typed client
/// (Microsoft.Extensions.Http.Resilience), its values taken from that integration's options, every wait on the
/// <see cref="TimeProvider"/> from DI, and each answer read whole inside the pipeline so the timeouts cover the body.
/// <c>HttpClient.Timeout</c> keeps its default (100 s) as the outer guard: the options' timeouts are validated to stay
/// within <see cref="LongestCall"/>. See docs/decisions/0006-http-resilience.md.
/// </summary>
public static partial class HttpResilience
{
    /// <summary>The longest a configured timeout may be, so that <c>HttpClient</c>'s default 100 s never cuts a call first.</summary>
    public static readonly TimeSpan LongestCall = TimeSpan.FromSeconds(90);

    /// <summary>How many 429 answers in a row one Mattermost call waits out before it gives up.</summary>
    public const int MaxRateLimitedWaits = 30;

    /// <summary>
    /// Mattermost: each attempt limited to <see cref="MattermostOptions.RequestTimeout"/>; a 5xx that may pass (not 501 or
    /// 505), a broken connection or a timed-out attempt tried again up to <see cref="MattermostOptions.MaxRetries"/> times
    /// (200 ms, 400 ms, 800 ms …); a 429 waits for <c>X-Ratelimit-Reset</c> or <c>Retry-After</c> and is tried again without
    /// counting as a failure (up to <see cref="MaxRateLimitedWaits"/> times in a row); and every attempt waits for its turn under the server's rate limit (<see cref="MattermostPacing"/>).
    /// </summary>
    public static IHttpClientBuilder AddMattermostResilience(this IHttpClientBuilder builder)
    {
        builder.Services.TryAddSingleton<MattermostPacing>();
        builder.AddResilienceHandler("mattermost", (pipeline, context) =>
        {
            var services = context.ServiceProvider;
            var settings = services.GetRequiredService<IOptions<MattermostOptions>>().Value;
            var pacing = services.GetRequiredService<MattermostPacing>();
            var logger = services.GetRequiredService<ILogger<MattermostClient>>();
            pipeline.TimeProvider = services.GetRequiredService<TimeProvider>();
            if (settings.MaxRetries > 0)
            {
                pipeline.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
                {
                    Name = "transient",
                    MaxRetryAttempts = settings.MaxRetries,
                    BackoffType = DelayBackoffType.Exponential,
                    Delay = TimeSpan.FromMilliseconds(200),
                    UseJitter = false,
                    ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is HttpRequestException or TimeoutRejectedException
                        || (args.Outcome.Result is { } response && IsTransientMattermostStatus(response.StatusCode))),
                    OnRetry = args =>
                    {
                        var request = args.Context.GetRequestMessage();
                        LogMattermostRetrying(logger, request?.Method.Method ?? "", Loggable(request?.RequestUri), Reason(args.Outcome), args.AttemptNumber + 1);
                        return ValueTask.CompletedTask;
                    },
                });
            }

            pipeline.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                Name = "rate-limited",
                // Waiting out the server's limiter is not a failed attempt; a server that keeps answering 429 ends the call
                // after this many waits, as a failed attempt the caller retries on its own schedule, instead of holding it forever.
                MaxRetryAttempts = MaxRateLimitedWaits,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result?.StatusCode == HttpStatusCode.TooManyRequests),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(pacing.ResetDelay(args.Outcome.Result!)),
                OnRetry = args =>
                {
                    LogMattermostRateLimited(logger, args.RetryDelay.TotalSeconds);
                    return ValueTask.CompletedTask;
                },
            });
            pipeline.AddStrategy(_ => new MattermostPacingStrategy(pacing));
            pipeline.AddTimeout(new TimeoutStrategyOptions { Name = "attempt", Timeout = settings.RequestTimeout });
            pipeline.AddStrategy(_ => new WholeAnswerStrategy());
        });
        return builder;
    }

    /// <summary>
    /// GLPI: every call (retries and their waits included) limited to <see cref="ChatOpsOptions.GlpiTimeout"/>; a read
    /// (<c>initSession</c>, the ticket search, <c>killSession</c>) that fails transiently (5xx, 408, 429, a broken connection)
    /// is tried again up to <see cref="ChatOpsOptions.GlpiRetries"/> times. The <c>POST Ticket</c> that creates a ticket is
    /// never tried again here: after a failure whose outcome is unknown, the next attempt of the call first looks the
    /// ticket up (<see cref="TicketSender"/>).
    /// </summary>
    public static IHttpClientBuilder AddGlpiResilience(this IHttpClientBuilder builder)
    {
        builder.AddResilienceHandler("glpi", (pipeline, context) =>
        {
            var services = context.ServiceProvider;
            var settings = services.GetRequiredService<IOptions<ChatOpsOptions>>().Value;
            var logger = services.GetRequiredService<ILogger<GlpiClient>>();
            pipeline.TimeProvider = services.GetRequiredService<TimeProvider>();
            pipeline.AddTimeout(new TimeoutStrategyOptions { Name = "call", Timeout = settings.GlpiTimeout });
            if (settings.GlpiRetries > 0)
            {
                var reads = new HttpRetryStrategyOptions
                {
                    Name = "reads",
                    MaxRetryAttempts = settings.GlpiRetries,
                    BackoffType = DelayBackoffType.Exponential,
                    Delay = TimeSpan.FromMilliseconds(500),
                    MaxDelay = TimeSpan.FromSeconds(5),
                    UseJitter = true,
                    OnRetry = args =>
                    {
                        var request = args.Context.GetRequestMessage();
                        LogGlpiRetrying(logger, request?.Method.Method ?? "", request?.RequestUri?.AbsolutePath ?? "", Reason(args.Outcome), args.AttemptNumber + 1);
                        return ValueTask.CompletedTask;
                    },
                };
                reads.DisableForUnsafeHttpMethods();
                pipeline.AddRetry(reads);
            }

            pipeline.AddStrategy(_ => new WholeAnswerStrategy());
        });
        return builder;
    }

    /// <summary>
    /// The Exchange Listener checks: each call limited to <see cref="ListenerOptions.Timeout"/> and never tried again: a
    /// check reports what it saw, and the monitor's <see cref="ListenerOptions.DownAfter"/> is what forgives a single miss.
    /// </summary>
    public static IHttpClientBuilder AddListenerProbeResilience(this IHttpClientBuilder builder)
    {
        builder.AddResilienceHandler("check", (pipeline, context) =>
        {
            var services = context.ServiceProvider;
            pipeline.TimeProvider = services.GetRequiredService<TimeProvider>();
            pipeline.AddTimeout(new TimeoutStrategyOptions { Name = "check", Timeout = services.GetRequiredService<IOptions<ListenerOptions>>().Value.Timeout });
            pipeline.AddStrategy(_ => new WholeAnswerStrategy());
        });
        return builder;
    }

    /// <summary>
    /// A Mattermost server error that may go away: 5xx except 501 Not Implemented (e.g. <c>app.user_access_token.disabled</c>,
    /// a setting of the server) and 505, which answer the same however often they are asked.
    /// </summary>
    public static bool IsTransientMattermostStatus(HttpStatusCode status) =>
        (int)status >= 500 && status is not (HttpStatusCode.NotImplemented or HttpStatusCode.HttpVersionNotSupported);

    /// <summary>A call's path as logs may show it: an incoming webhook's id is its credential, so it is left out.</summary>
    internal static string Loggable(Uri? uri)
    {
        var path = uri?.AbsolutePath ?? "";
        var hooks = path.IndexOf("/hooks/", StringComparison.Ordinal);
        return hooks < 0 ? path : $"{path[..hooks]}/hooks/(hidden)";
    }

    private static string Reason(Outcome<HttpResponseMessage> outcome) =>
        outcome.Result is { } response ? ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture) : outcome.Exception?.GetType().Name ?? "";

    [LoggerMessage(Level = LogLevel.Warning, Message = "[Mattermost] {Method} {Path} failed ({Reason}); trying again (attempt {Attempt})")]
    private static partial void LogMattermostRetrying(ILogger logger, string method, string path, string reason, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "[Mattermost] rate limited; waiting {Seconds} s")]
    private static partial void LogMattermostRateLimited(ILogger logger, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "[ChatOps] GLPI {Method} {Path} failed ({Reason}); trying again (attempt {Attempt})")]
    private static partial void LogGlpiRetrying(ILogger logger, string method, string path, string reason, int attempt);
}
