using System.Net;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Switchboard.Infrastructure.Mattermost;

namespace Switchboard.UnitTests.Mattermost;

public sealed class MattermostClientTests
{
    private static readonly IOptions<MattermostOptions> Options = Microsoft.Extensions.Options.Options.Create(new MattermostOptions
    {
        Enabled = true,
        Url = "http://mattermost.test",
        AdminToken = "admin",
        MaxRetries = 3,
        RequestTimeout = TimeSpan.FromSeconds(5),
    });

    /// <summary>Answers each call from a function and remembers the paths asked.</summary>
    private sealed class FakeMattermost(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
    {
        public List<string> Asked { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            lock (Asked)
            {
                Asked.Add($"{request.Method} {request.RequestUri!.AbsolutePath}");
            }

            return Task.FromResult(answer(request));
        }
    }

    private static HttpResponseMessage Json(HttpStatusCode status, string json) => new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    private static HttpResponseMessage AppError(int status, string id) =>
        Json((HttpStatusCode)status, $$"""{"id":"{{id}}","message":"m","detailed_error":"","request_id":"r","status_code":{{status}}}""");

    private static MattermostClient Client(FakeMattermost server) =>
        new(new HttpClient(new MattermostTrafficHandler(Options, NullLogger<MattermostTrafficHandler>.Instance) { InnerHandler = server }), Options, TimeProvider.System);

    [Fact]
    public async Task UsernameWithCapitals_IsLookedUpInLowerCase()
    {
        var server = new FakeMattermost(r => r.RequestUri!.AbsolutePath == "/api/v4/users/username/some.user"
            ? Json(HttpStatusCode.OK, """{"id":"u1","username":"some.user"}""")
            : AppError(400, "api.context.invalid_param.app_error"));

        var user = await Client(server).FindUserAsync("Some.User", "some.user@example.test", TestContext.Current.CancellationToken);

        Assert.Equal("u1", user?.Id);
        Assert.Equal(["GET /api/v4/users/username/some.user"], server.Asked);
    }

    [Theory]
    [InlineData(400, "api.context.invalid_param.app_error")]
    [InlineData(404, "app.user.missing_account.const")]
    public async Task UsernameRefusedOrUnknown_FallsBackToTheEmail(int status, string errorId)
    {
        var server = new FakeMattermost(r => r.RequestUri!.AbsolutePath.StartsWith("/api/v4/users/email/", StringComparison.Ordinal)
            ? Json(HttpStatusCode.OK, """{"id":"u2","username":"obrien"}""")
            : AppError(status, errorId));

        var user = await Client(server).FindUserAsync("o'brien", "obrien@example.test", TestContext.Current.CancellationToken);

        Assert.Equal("u2", user?.Id);
        Assert.Equal(2, server.Asked.Count);
    }

    [Fact]
    public async Task TokensDisabled_IsNotRetried_AndSaysSo()
    {
        var server = new FakeMattermost(_ => AppError(501, MattermostClient.DisabledTokensErrorId));

        var refused = await Assert.ThrowsAsync<MattermostApiException>(() => Client(server).CreateSwitchboardTokenAsync("u1", TestContext.Current.CancellationToken));

        Assert.True(refused.TokensDisabled);
        Assert.Single(server.Asked);
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError, true)]
    [InlineData(HttpStatusCode.BadGateway, true)]
    [InlineData(HttpStatusCode.ServiceUnavailable, true)]
    [InlineData(HttpStatusCode.GatewayTimeout, true)]
    [InlineData(HttpStatusCode.NotImplemented, false)]
    [InlineData(HttpStatusCode.HttpVersionNotSupported, false)]
    [InlineData(HttpStatusCode.BadRequest, false)]
    public void OnlyServerErrorsThatMayPass_AreTransient(HttpStatusCode status, bool transient) =>
        Assert.Equal(transient, MattermostTrafficHandler.IsTransient(status));
}
