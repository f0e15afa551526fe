using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Switchboard.IntegrationTests.ChatOps;

/// <summary>The GLPI simulator's <c>search/Ticket</c> answers as <c>apirest.md</c> ("Search items") says.</summary>
public sealed class GlpiSimulatorSearchTests(SimulatedGlpi glpi) : IClassFixture<SimulatedGlpi>, IAsyncLifetime
{
    private readonly HttpClient _http = new();
    private string _session = "";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        glpi.State.Reset();
        glpi.State.AddTicket(new Dictionary<string, string?> { ["name"] = "Request from ann", ["content"] = "printer\n---\npost abc123." });
        glpi.State.AddTicket(new Dictionary<string, string?> { ["name"] = "Request from bob", ["content"] = "badge\n---\npost abc1234." });
        glpi.State.AddTicket(new Dictionary<string, string?> { ["name"] = "Request from cid", ["content"] = "vpn\n---\npost xyz." });
        _session = glpi.State.OpenSession();
        await Task.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        _http.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> SearchAsync(string query)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{glpi.ApiUrl}/search/Ticket?{query}");
        request.Headers.Add("App-Token", glpi.State.AppToken);
        request.Headers.Add("Session-Token", _session);
        var response = await _http.SendAsync(request, Ct);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>(Ct), response);
    }

    [Fact]
    public async Task Search_ContainsOnTheDescription_ReturnsRowsKeyedBySearchOption()
    {
        var (status, body, response) = await SearchAsync("criteria%5B0%5D%5Bfield%5D=21&criteria%5B0%5D%5Bsearchtype%5D=contains&criteria%5B0%5D%5Bvalue%5D=post%20ABC123.&forcedisplay%5B0%5D=2");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, body.GetProperty("totalcount").GetInt32());
        Assert.Equal(1, body.GetProperty("count").GetInt32());
        var row = Assert.Single(body.GetProperty("data").EnumerateArray().ToList());
        Assert.Equal(glpi.State.Tickets[0].Id, row.GetProperty("2").GetInt32());
        Assert.Equal("Request from ann", row.GetProperty("1").GetString());
        Assert.True(row.TryGetProperty("21", out _));
        Assert.Equal("0-0/1", response.Content.Headers.NonValidated["Content-Range"].ToString());
    }

    [Fact]
    public async Task Search_RangeHoldingPart_Is206_AndAnchorsWork()
    {
        var (status, body, response) = await SearchAsync("criteria[0][field]=1&criteria[0][searchtype]=contains&criteria[0][value]=%5ERequest&range=0-1");

        Assert.Equal(HttpStatusCode.PartialContent, status);
        Assert.Equal((3, 2), (body.GetProperty("totalcount").GetInt32(), body.GetProperty("count").GetInt32()));
        Assert.Equal("0-1/3", response.Content.Headers.NonValidated["Content-Range"].ToString());
    }

    [Theory]
    [InlineData("criteria[0][field]=999&criteria[0][searchtype]=contains&criteria[0][value]=x", "ERROR")]
    [InlineData("criteria[0][field]=21&criteria[0][value]=x", "ERROR")]
    [InlineData("range=10-20", "ERROR_RANGE_EXCEED_TOTAL")]
    public async Task Search_BadCriteriaOrRange_Is400_WithGlpisErrorShape(string query, string code)
    {
        var (status, body, _) = await SearchAsync(query);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(code, body[0].GetString());
    }
}
