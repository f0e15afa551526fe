using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Switchboard.Infrastructure.Http;
using Switchboard.Infrastructure.Mattermost;
using Switchboard.UnitTests.Http;

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

    private static HttpResponseMessage Json(HttpStatusCode status, string json) => new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    private static HttpResponseMessage AppError(int status, string id) =>
        Json((HttpStatusCode)status, $$"""{"id":"{{id}}","message":"m","detailed_error":"","request_id":"r","status_code":{{status}}}""");

    /// <summary>The client as the portal registers it (its resilience pipeline included), over the fake server.</summary>
    private static MattermostClient Client(FakeServer server) =>
        new ServiceCollection().AddLogging().AddSingleton(Options).AddSingleton(TimeProvider.System)
            .AddHttpClient<MattermostClient>().AddMattermostResilience().ConfigurePrimaryHttpMessageHandler(() => server).Services
            .BuildServiceProvider().GetRequiredService<MattermostClient>();

    [Fact]
    public async Task UsernameWithCapitals_IsLookedUpInLowerCase()
    {
        var server = new FakeServer(r => r.RequestUri!.AbsolutePath == "/api/v4/users/username/some.user"
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
        var server = new FakeServer(r => r.RequestUri!.AbsolutePath.StartsWith("/api/v4/users/email/", StringComparison.Ordinal)
            ? Json(HttpStatusCode.OK, """{"id":"u2","username":"obrien"}""")
            : AppError(status, errorId));

        var user = await Client(server).FindUserAsync("o'brien", "obrien@example.test", TestContext.Current.CancellationToken);

        Assert.Equal("u2", user?.Id);
        Assert.Equal(2, server.Asked.Count);
    }

    [Fact]
    public async Task TokensDisabled_IsNotRetried_AndSaysSo()
    {
        var server = new FakeServer(_ => AppError(501, MattermostClient.DisabledTokensErrorId));

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
        Assert.Equal(transient, HttpResilience.IsTransientMattermostStatus(status));
}
