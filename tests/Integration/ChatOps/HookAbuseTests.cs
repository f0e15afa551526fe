using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Domain.Audit;
using Switchboard.Domain.ChatOps;
using Switchboard.Infrastructure.ChatOps;
using Switchboard.Portal.Features.ChatOps;

namespace Switchboard.IntegrationTests.ChatOps;

/// <summary>Hostile calls of the unauthenticated webhook: big bodies, big fields, floods of wrong tokens.</summary>
public sealed class HookAbuseTests(PortalFactory portal, SimulatedGlpi glpi) : IClassFixture<PortalFactory>, IClassFixture<SimulatedGlpi>, IAsyncLifetime
{
    private const string Token = "mm-abuse-token";
    private WebApplicationFactory<Program>? _bridged;
    private string _bridge = "";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        // One minute for the whole test, so the folding into "one entry per minute" is what is tested, not the clock.
        var frozen = new FrozenClock(DateTimeOffset.UtcNow);
        _bridged = portal.WithWebHostBuilder(b => b
            .UseSetting("ChatOps:RejectedCallsPerSourcePerMinute", "3")
            .ConfigureTestServices(s => s.AddSingleton<TimeProvider>(frozen)));
        glpi.State.Reset();
        _bridge = $"abuse-{Guid.NewGuid():N}"[..20];
        await TestBridges.SaveAsync(_bridged.Services, _bridge, glpi, Token);
    }

    public async ValueTask DisposeAsync()
    {
        if (_bridged is not null)
        {
            await _bridged.DisposeAsync();
        }
    }

    private static string Json(string token, string user, string postId, string text = "112 hello") => JsonSerializer.Serialize(new Dictionary<string, string>
    {
        ["token"] = token,
        ["user_name"] = user,
        ["user_id"] = "u1",
        ["channel_name"] = "town-square",
        ["team_domain"] = "hospital",
        ["post_id"] = postId,
        ["text"] = text,
    });

    /// <summary>Posts as if from <paramref name="source"/> (the test server has no real connection to take it from).</summary>
    private async Task<int> PostAsync(string body, string source = "192.0.2.10", string? bridge = null)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var context = await _bridged!.Server.SendAsync(c =>
        {
            c.Request.Method = HttpMethods.Post;
            c.Request.Path = $"/hooks/mattermost/{bridge ?? _bridge}";
            c.Request.ContentType = "application/json";
            c.Request.ContentLength = bytes.Length;
            c.Request.Body = new MemoryStream(bytes);
            c.Connection.RemoteIpAddress = IPAddress.Parse(source);
        }, Ct);
        return context.Response.StatusCode;
    }

    private async Task<List<AuditEntry>> RejectionsAsync(string? objectId)
    {
        await using var db = await portal.DbAsync();
        return await db.AuditEntries.AsNoTracking().Where(a => a.Action == "chatops.call-rejected" && a.ObjectId == objectId).OrderBy(a => a.Id).ToListAsync(Ct);
    }

    [Fact]
    public async Task BodyOver64KiB_Is413_AndNothingIsWritten()
    {
        var status = await PostAsync(Json("wrong", new string('x', 5 * 1024 * 1024), "post-huge"));

        Assert.Equal(StatusCodes.Status413PayloadTooLarge, status);
        Assert.Empty(await RejectionsAsync(_bridge));
    }

    [Fact]
    public async Task RejectedCallWithLongFields_StoresThemCut()
    {
        var status = await PostAsync(Json("wrong", new string('u', 50_000), "post-long-user"));

        Assert.Equal(StatusCodes.Status401Unauthorized, status);
        var entry = Assert.Single(await RejectionsAsync(_bridge));
        Assert.InRange(entry.Details!.Length, 1, 300);
        Assert.Contains("user " + new string('u', WebhookPost.FieldMaxLength), entry.Details, StringComparison.Ordinal);
        Assert.DoesNotContain(new string('u', WebhookPost.FieldMaxLength + 1), entry.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AcceptedCallWithLongFields_IsRecordedWithMattermostsSizes()
    {
        var status = await PostAsync(Json(Token, new string('v', 20_000), "post-long-accepted", "112 " + new string('t', 20_000)));

        Assert.Equal(StatusCodes.Status200OK, status);
        await using var db = await portal.DbAsync();
        var call = await db.BridgeCalls.AsNoTracking().SingleAsync(c => c.PostId == "post-long-accepted", Ct);
        Assert.Equal(WebhookPost.FieldMaxLength, call.UserName.Length);
        Assert.InRange(call.Text.Length, 1, WebhookPost.TextMaxLength);
    }

    [Fact]
    public async Task RepeatedRejections_FoldIntoOneEntryPerBridgeAndMinute_WithACount()
    {
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(StatusCodes.Status401Unauthorized, await PostAsync(Json("wrong", $"mallory{i}", $"post-fold-{i}"), source: $"192.0.2.{20 + i}"));
        }

        var entry = Assert.Single(await RejectionsAsync(_bridge));
        Assert.StartsWith("3 times in this minute; last: wrong or missing token; from 192.0.2.22, user mallory2", entry.Details, StringComparison.Ordinal);
        Assert.Equal(AuditResult.Denied, entry.Result);
    }

    [Fact]
    public async Task RejectionsOverTheSourceLimit_Are429_AndWriteNothing_OtherSourcesAndGoodCallsGoOn()
    {
        var unknownBefore = (await RejectionsAsync(null)).Count;
        var statuses = new List<int>();
        for (var i = 0; i < 6; i++)
        {
            // Wrong tokens and made-up bridge names alike.
            statuses.Add(await PostAsync(Json("wrong", "mallory", $"post-flood-{i}"), bridge: i % 2 == 0 ? null : $"nope-{Guid.NewGuid():N}"));
        }

        Assert.Equal([401, 401, 401, 429, 429, 429], statuses);
        var known = Assert.Single(await RejectionsAsync(_bridge));
        Assert.StartsWith("2 times in this minute", known.Details, StringComparison.Ordinal);
        Assert.Equal(unknownBefore + 1, (await RejectionsAsync(null)).Count);

        Assert.Equal(StatusCodes.Status401Unauthorized, await PostAsync(Json("wrong", "mallory", "post-flood-other"), source: "198.51.100.7"));
        Assert.Equal(StatusCodes.Status200OK, await PostAsync(Json(Token, "alice", "post-flood-good", "112 ")));
    }

    private sealed class FrozenClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
