using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Switchboard.IntegrationTests.Mattermost;

/// <summary>The simulator answers as ../shared/contracts/mattermost (and its NOTES.md) say the real server does.</summary>
public sealed class MattermostSimulatorContractTests : IAsyncLifetime
{
    private SimulatedMattermost _mattermost = default!;
    private HttpClient _client = default!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _mattermost = await SimulatedMattermost.StartAsync();
        _mattermost.State.AddUser("some.user", "some.user@example.test");
        _client = new HttpClient { BaseAddress = new Uri(_mattermost.Url) };
        _client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _mattermost.State.AdminToken);
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _mattermost.DisposeAsync();
    }

    [Theory]
    [InlineData("Some.User")]
    [InlineData("oneil@corp")]
    public async Task UsernameLookup_WithUpperCaseOrInvalidCharacters_Answers400InvalidParam(string username)
    {
        var response = await _client.GetAsync($"/api/v4/users/username/{Uri.EscapeDataString(username)}", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("api.context.invalid_param.app_error", error.GetProperty("id").GetString());
        Assert.Equal(400, error.GetProperty("status_code").GetInt32());
    }

    [Fact]
    public async Task UsernameLookup_InLowerCase_FindsTheUser_AndAnUnknownOneIs404()
    {
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/api/v4/users/username/some.user", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/api/v4/users/username/nobody", Ct)).StatusCode);
    }

    [Fact]
    public async Task TokenCreation_WithTokensDisabled_Answers501TokensDisabled()
    {
        _mattermost.State.UserAccessTokensEnabled = false;
        var user = _mattermost.State.UserByUsername("some.user")!;

        var response = await _client.PostAsJsonAsync($"/api/v4/users/{user.Id}/tokens", new { description = "x" }, Ct);

        Assert.Equal(HttpStatusCode.NotImplemented, response.StatusCode);
        Assert.Equal("app.user_access_token.disabled", (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString());
    }

    [Fact]
    public async Task DirectChannel_ThenPost_AsTheBot_Answer201WithTheChannelAndThePost()
    {
        var bot = _mattermost.State.AddBot("switchboard-bot", "bot-token");
        var user = _mattermost.State.UserByUsername("some.user")!;
        using var asBot = BotClient("bot-token");

        var channelResponse = await asBot.PostAsJsonAsync("/api/v4/channels/direct", new[] { bot.Id, user.Id }, Ct);
        var again = await asBot.PostAsJsonAsync("/api/v4/channels/direct", new[] { user.Id, bot.Id }, Ct);
        var channel = await channelResponse.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var postResponse = await asBot.PostAsJsonAsync("/api/v4/posts", new { channel_id = channel.GetProperty("id").GetString(), message = "**hello**" }, Ct);

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Created), (channelResponse.StatusCode, again.StatusCode, postResponse.StatusCode));
        Assert.Equal("D", channel.GetProperty("type").GetString());
        Assert.Equal(channel.GetProperty("id").GetString(), (await again.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString());
        var post = await postResponse.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal((bot.Id, "**hello**"), (post.GetProperty("user_id").GetString(), post.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task DirectChannel_OfTwoOtherUsers_AsTheBot_Answers403PermissionsAppError()
    {
        _mattermost.State.AddBot("switchboard-bot", "bot-token");
        var user = _mattermost.State.UserByUsername("some.user")!;
        var other = _mattermost.State.AddUser("other.user", "other.user@example.test");
        using var asBot = BotClient("bot-token");

        var response = await asBot.PostAsJsonAsync("/api/v4/channels/direct", new[] { user.Id, other.Id }, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var error = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(("api.context.permissions.app_error", 403), (error.GetProperty("id").GetString(), error.GetProperty("status_code").GetInt32()));
    }

    [Fact]
    public async Task IncomingWebhook_TakesNoToken_AnswersOkAsText_AndAnUnknownHookIs400InvalidWebhook()
    {
        var hook = _mattermost.State.AddHook("identity-alerts");
        using var anonymous = new HttpClient { BaseAddress = new Uri(_mattermost.Url) };

        var posted = await anonymous.PostAsJsonAsync($"/hooks/{hook.Id}", new { text = "hello" }, Ct);
        var unknown = await anonymous.PostAsJsonAsync("/hooks/nosuchhook000000000000000", new { text = "hello" }, Ct);

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Equal("text/plain", posted.Content.Headers.ContentType?.MediaType);
        Assert.Equal("ok", await posted.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        var error = await unknown.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(("web.incoming_webhook.invalid.app_error", "Invalid webhook."), (error.GetProperty("id").GetString(), error.GetProperty("message").GetString()));
        Assert.Equal("hello", Assert.Single(_mattermost.State.Posts).Message);
    }

    [Fact]
    public async Task IncomingWebhook_UnderTheRateLimiter_Answers429WithThePlainTextBody()
    {
        var hook = _mattermost.State.AddHook("identity-alerts");
        _mattermost.State.RateLimit = new Switchboard.MattermostSimulator.RateLimit(perSecond: 1, burst: 1);
        using var anonymous = new HttpClient { BaseAddress = new Uri(_mattermost.Url) };

        var first = await anonymous.PostAsJsonAsync($"/hooks/{hook.Id}", new { text = "one" }, Ct);
        var second = await anonymous.PostAsJsonAsync($"/hooks/{hook.Id}", new { text = "two" }, Ct);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal((HttpStatusCode)429, second.StatusCode);
        Assert.Equal("limit exceeded", (await second.Content.ReadAsStringAsync(Ct)).Trim());
        Assert.True(second.Headers.Contains("X-Ratelimit-Reset"));
    }

    private HttpClient BotClient(string token)
    {
        var client = new HttpClient { BaseAddress = new Uri(_mattermost.Url) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
