using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Switchboard.Infrastructure.Http;
using Switchboard.Infrastructure.Mattermost;
using Switchboard.UnitTests.Http;

namespace Switchboard.UnitTests.Mattermost;

/// <summary>The Mattermost client's resilience pipeline (as the portal registers it) on a fake clock.</summary>
public sealed class MattermostResilienceTests : IDisposable
{
    private const string UserJson = """{"id":"u1","username":"ada"}""";
    private readonly WatchedClock _clock = new();
    private readonly List<string> _asked = [];
    private ServiceProvider? _services;
    private int _handlersBuilt;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _services?.Dispose();

    /// <summary>The portal's registration, the fake server under every handler the factory builds (each built one is counted).</summary>
    private MattermostClient Client(Func<HttpRequestMessage, HttpResponseMessage> answer, int maxRetries = 3, TimeSpan? handlerLifetime = null)
    {
        if (_services is null)
        {
            var services = new ServiceCollection().AddLogging().AddSingleton<TimeProvider>(_clock)
                .AddSingleton(Options.Create(new MattermostOptions
                {
                    Enabled = true,
                    Url = "http://mattermost.test",
                    AdminToken = "admin",
                    MaxRetries = maxRetries,
                    RequestTimeout = TimeSpan.FromSeconds(5),
                    Concurrency = 4,
                }));
            services.AddHttpClient<MattermostClient>().AddMattermostResilience()
                .ConfigurePrimaryHttpMessageHandler(() =>
                {
                    Interlocked.Increment(ref _handlersBuilt);
                    return new FakeServer((request, _) => Task.FromResult(answer(request)), _asked);
                })
                .SetHandlerLifetime(handlerLifetime ?? Timeout.InfiniteTimeSpan);
            _services = services.BuildServiceProvider();
        }

        return _services.GetRequiredService<MattermostClient>();
    }

    private int Asked
    {
        get
        {
            lock (_asked)
            {
                return _asked.Count;
            }
        }
    }

    private static HttpResponseMessage User(int? limit = null, int? remaining = null)
    {
        var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(UserJson, Encoding.UTF8, "application/json") };
        if (limit is { } l)
        {
            response.Headers.Add("X-Ratelimit-Limit", l.ToString(System.Globalization.CultureInfo.InvariantCulture));
            response.Headers.Add("X-Ratelimit-Remaining", (remaining ?? 0).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return response;
    }

    private static HttpResponseMessage LimitExceeded(string header, string value)
    {
        var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests) { Content = new StringContent("limit exceeded") };
        response.Headers.Add(header, value);
        return response;
    }

    [Theory]
    [InlineData("Retry-After", "30", 30)]
    [InlineData("X-Ratelimit-Reset", "7", 7)]
    public async Task MattermostClient_ObeysRetryAfter_FromTheResiliencePipeline(string header, string value, int seconds)
    {
        var first = true;
        var client = Client(_ => first ? LimitExceeded(header, value) : User());

        var lookup = client.FindUserAsync("ada", null, Ct);
        await _clock.TimersStartedAsync(TimeSpan.FromSeconds(seconds));
        first = false;
        _clock.Advance(TimeSpan.FromSeconds(seconds) - TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, Asked);
        Assert.False(lookup.IsCompleted);
        _clock.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal("u1", (await lookup)?.Id);
        Assert.Equal(2, Asked);
    }

    [Fact]
    public async Task MattermostClient_WaitingOutTheRateLimit_DoesNotUseUpTheRetries()
    {
        var answers = new Queue<Func<HttpResponseMessage>>(
            [() => LimitExceeded("Retry-After", "1"), () => LimitExceeded("Retry-After", "1"), () => LimitExceeded("Retry-After", "1"), () => User()]);
        var client = Client(_ => answers.Dequeue()(), maxRetries: 1);

        var lookup = client.FindUserAsync("ada", null, Ct);
        for (var wait = 1; wait <= 3; wait++)
        {
            await _clock.TimersStartedAsync(TimeSpan.FromSeconds(1), wait);
            _clock.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal("u1", (await lookup)?.Id);
        Assert.Equal(4, Asked);
    }

    [Fact]
    public async Task MattermostClient_PacesCallsUnderTheServerLimit_OnceTheAllowanceRunsLow()
    {
        // 10 calls per second allowed and none left: one call every 1 / (10 × 0.9) s from now on.
        var client = Client(_ => User(limit: 10, remaining: 0));
        await client.FindUserAsync("ada", null, Ct);

        var period = TimeSpan.FromSeconds(1 / (10 * MattermostPacing.Margin));
        await AssertPacedAsync(client, period);
    }

    [Fact]
    public async Task MattermostPacing_OutlivesTheMessageHandlers()
    {
        var client = Client(_ => User(limit: 10, remaining: 0), handlerLifetime: TimeSpan.FromSeconds(1));
        await client.FindUserAsync("ada", null, Ct);
        Assert.Equal(1, _handlersBuilt);

        // IHttpClientFactory builds a new handler chain once the first one's lifetime (1 s of real time) is over.
        await Eventually.TrueAsync("a second handler chain built", () =>
        {
            client = _services!.GetRequiredService<MattermostClient>();
            return Volatile.Read(ref _handlersBuilt) >= 2;
        });

        Assert.Equal(2, _handlersBuilt);
        Assert.Equal(10, _services!.GetRequiredService<MattermostPacing>().Limit);
        await AssertPacedAsync(client, TimeSpan.FromSeconds(1 / (10 * MattermostPacing.Margin)));
    }

    /// <summary>Of two calls started together one goes out, the other only once the clock has moved on by the pace's period.</summary>
    private async Task AssertPacedAsync(MattermostClient client, TimeSpan period)
    {
        var before = Asked;
        var calls = new[] { client.FindUserAsync("ada", null, Ct), client.FindUserAsync("ada", null, Ct) };
        var done = await Task.WhenAny(calls);
        var other = calls.Single(c => c != done);

        Assert.Equal(before + 1, Asked);
        Assert.False(other.IsCompleted);
        _clock.Advance(period);
        Assert.Equal("u1", (await other)?.Id);
        Assert.Equal(before + 2, Asked);
    }

    [Fact]
    public async Task MattermostClient_ThatOnlyEverHears429_GivesUpAfterItsWaits_InsteadOfHoldingTheCallForever()
    {
        var client = Client(_ => LimitExceeded("Retry-After", "1"), maxRetries: 0);

        var lookup = client.FindUserAsync("ada", null, Ct);
        for (var wait = 1; wait <= HttpResilience.MaxRateLimitedWaits; wait++)
        {
            await _clock.TimersStartedAsync(TimeSpan.FromSeconds(1), wait);
            _clock.Advance(TimeSpan.FromSeconds(1));
        }

        var failed = await Assert.ThrowsAsync<MattermostApiException>(() => lookup);
        Assert.Equal(429, failed.StatusCode);
        Assert.Equal(HttpResilience.MaxRateLimitedWaits + 1, Asked);
    }

    [Fact]
    public async Task MattermostClient_TriesTransientFailuresAgain_WithBackOff_ThenGivesTheLastAnswer()
    {
        var client = Client(_ => new HttpResponseMessage(HttpStatusCode.BadGateway) { Content = new StringContent("proxy down") }, maxRetries: 2);

        var create = client.CreateSwitchboardTokenAsync("u1", Ct);
        await _clock.TimersStartedAsync(TimeSpan.FromMilliseconds(200));
        _clock.Advance(TimeSpan.FromMilliseconds(200));
        await _clock.TimersStartedAsync(TimeSpan.FromMilliseconds(400));
        _clock.Advance(TimeSpan.FromMilliseconds(400));

        var failed = await Assert.ThrowsAsync<MattermostApiException>(() => create);
        Assert.Equal(502, failed.StatusCode);
        Assert.Equal(3, Asked);
    }
}
