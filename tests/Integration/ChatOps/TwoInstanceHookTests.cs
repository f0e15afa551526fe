using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Domain.ChatOps;
using Switchboard.Infrastructure.ChatOps;
using Switchboard.Portal.Features.ChatOps;

namespace Switchboard.IntegrationTests.ChatOps;

/// <summary>Two portal instances (hosts of their own, with their own in-memory state) on one PostgreSQL database, behind one bridge.</summary>
public sealed class TwoInstanceHookTests(PostgresPortalFactory portal, SimulatedGlpi glpi)
    : IClassFixture<PostgresPortalFactory>, IClassFixture<SimulatedGlpi>, IAsyncLifetime
{
    private const string Token = "mm-outgoing-token";
    private readonly List<WebApplicationFactory<Program>> _instances = [];
    private readonly List<HttpClient> _clients = [];
    private string _bridge = "";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        foreach (var _ in new[] { "A", "B" })
        {
            var instance = portal.WithWebHostBuilder(b => b
                .UseSetting("ChatOps:ReplyWithin", "00:00:05")
                .UseSetting("ChatOps:CallsPerUserPerMinute", "3"));
            _instances.Add(instance);
            _clients.Add(instance.CreateClient());
        }

        _bridge = $"twin-{Guid.NewGuid():N}"[..20];
        await TestBridges.SaveAsync(_instances[0].Services, _bridge, glpi, Token, ticketType: TicketType.Request, urgency: 4);
    }

    [Fact]
    public async Task SamePostReachingBothInstancesAtOnce_OpensOneTicket()
    {
        var answers = await Task.WhenAll(_clients.Select(client => PostAsync(client, "112 the lift is stuck", "twin-post-1", "carl")));

        Assert.All(answers, answer => Assert.Equal(HttpStatusCode.OK, answer.Status));
        await Eventually.TrueAsync("the call's ticket opened", () => glpi.State.Tickets.Any(t => t.Input["content"]!.Contains("twin-post-1", StringComparison.Ordinal)));
        Assert.Single(glpi.State.Tickets, t => t.Input["content"]!.Contains("twin-post-1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PerPersonLimit_CountsTheCallsOfBothInstances()
    {
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(_clients[0], "112 first", "limit-1", "dora")).Status);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(_clients[1], "112 second", "limit-2", "dora")).Status);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(_clients[0], "112 third", "limit-3", "dora")).Status);

        // Instance B took one of dora's calls itself: a limit kept in its memory would let this one through.
        var (status, reply) = await PostAsync(_clients[1], "112 fourth", "limit-4", "dora");

        Assert.Equal((HttpStatusCode)429, status);
        Assert.StartsWith("Too many requests from you", reply, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(_clients[1], "112 someone else", "limit-5", "emil")).Status);
    }

    private async Task<(HttpStatusCode Status, string Text)> PostAsync(HttpClient client, string text, string postId, string user)
    {
        var payload = TestBridges.Payload(text, postId, user, Token);
        using var response = await client.PostAsJsonAsync($"/hooks/mattermost/{_bridge}", payload, Ct);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        return (response.StatusCode, body.TryGetProperty("text", out var reply) ? reply.GetString()! : body.ToString());
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        foreach (var instance in _instances)
        {
            await instance.DisposeAsync();
        }
    }
}
