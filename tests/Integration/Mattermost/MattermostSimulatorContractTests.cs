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
}
