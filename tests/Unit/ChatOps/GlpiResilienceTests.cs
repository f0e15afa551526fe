using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Switchboard.Infrastructure.ChatOps;
using Switchboard.Infrastructure.Http;
using Switchboard.UnitTests.Http;

namespace Switchboard.UnitTests.ChatOps;

/// <summary>The GLPI client's resilience pipeline, as the portal registers it, over a fake GLPI.</summary>
public sealed class GlpiResilienceTests : IDisposable
{
    private static readonly GlpiCredentials Glpi = new("http://glpi.test/apirest.php", "app", "user");
    private ServiceProvider? _services;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _services?.Dispose();

    private GlpiClient Client(FakeServer server, TimeProvider? clock = null, TimeSpan? timeout = null)
    {
        var services = new ServiceCollection().AddLogging().AddSingleton(clock ?? TimeProvider.System)
            .AddSingleton(Options.Create(new ChatOpsOptions { GlpiTimeout = timeout ?? TimeSpan.FromSeconds(20), GlpiRetries = 2 }));
        services.AddHttpClient<GlpiClient>().AddGlpiResilience().ConfigurePrimaryHttpMessageHandler(() => server);
        _services = services.BuildServiceProvider();
        return _services.GetRequiredService<GlpiClient>();
    }

    private static HttpResponseMessage Json(HttpStatusCode status, string json) => new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    [Fact]
    public async Task GlpiTicketPost_IsNeverRetried_AfterAnAmbiguousFailure()
    {
        // A proxy's 503 page: GLPI may have opened the ticket before the proxy gave up.
        var server = new FakeServer(_ => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { Content = new StringContent("<html>503</html>") });

        var failed = await Assert.ThrowsAsync<GlpiException>(() => Client(server).CreateTicketAsync(Glpi, "s1", new { name = "x" }, Ct));

        Assert.Equal("HTTP_503", failed.Code);
        Assert.True(GlpiException.OutcomeUnknown(failed.Code));
        Assert.Equal(["POST /apirest.php/Ticket"], server.Asked);
    }

    [Fact]
    public async Task GlpiTicketPost_IsNeverRetried_WhenTheConnectionBreaks()
    {
        var server = new FakeServer((_, _) => Task.FromException<HttpResponseMessage>(new HttpRequestException(HttpRequestError.ResponseEnded, "reset")));

        var failed = await Assert.ThrowsAsync<GlpiException>(() => Client(server).CreateTicketAsync(Glpi, "s1", new { name = "x" }, Ct));

        Assert.Equal(GlpiException.ConnectionLost, failed.Code);
        Assert.Single(server.Asked);
    }

    [Fact]
    public async Task GlpiReads_AreTriedAgain_WhenTheyFailTransiently()
    {
        var calls = 0;
        var server = new FakeServer(_ => Interlocked.Increment(ref calls) == 1
            ? new HttpResponseMessage(HttpStatusCode.BadGateway) { Content = new StringContent("<html>proxy</html>") }
            : Json(HttpStatusCode.OK, """{"session_token":"s1"}"""));

        var session = await Client(server).InitSessionAsync(Glpi, Ct);

        Assert.Equal("s1", session);
        Assert.Equal(["GET /apirest.php/initSession", "GET /apirest.php/initSession"], server.Asked);
    }

    [Fact]
    public async Task GlpiCall_GivesUpAfterGlpiTimeout_AsATimeout()
    {
        var clock = new WatchedClock();
        var server = new FakeServer(async (_, cancellationToken) =>
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            return new HttpResponseMessage(HttpStatusCode.OK);
        });
        var client = Client(server, clock, TimeSpan.FromSeconds(20));

        var create = client.CreateTicketAsync(Glpi, "s1", new { name = "x" }, Ct);
        await clock.TimersStartedAsync(TimeSpan.FromSeconds(20));
        clock.Advance(TimeSpan.FromSeconds(20));

        var failed = await Assert.ThrowsAsync<GlpiException>(() => create);
        Assert.Equal(GlpiException.Timeout, failed.Code);
        Assert.Single(server.Asked);
    }
}
