using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Domain.Audit;
using Switchboard.Infrastructure.Persistence;

namespace Switchboard.IntegrationTests.Access;

public sealed class DevelopmentSignInTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DevSignIn_AsAdmin_OpensTheDashboardAndAuditsTheSignIn()
    {
        var client = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var signedIn = await SignInAsync(client, "ada.admin");

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/", signedIn.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/", Ct)).StatusCode);
        await using var db = await portal.DbAsync();
        var entry = await db.AuditEntries.Where(e => e.Action == AuditActions.SignIn && e.Actor == "ada.admin").SingleAsync(Ct);
        Assert.Equal("role Admin", entry.Details);
    }

    [Fact]
    public async Task DevSignIn_WithoutRole_IsSentToTheNoAccessPage()
    {
        var client = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await SignInAsync(client, "nora.norole");

        var response = await client.GetAsync("/", Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/no-access", response.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
        var page = await client.GetStringAsync("/no-access", Ct);
        Assert.Contains("holds none of the groups", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DevSignIn_Viewer_IsRefusedTheAdminOnlyApiKeysPage()
    {
        var client = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await SignInAsync(client, "vera.viewer");

        var response = await client.GetAsync("/api-keys", Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/no-access", response.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DevSignIn_WithoutAntiforgeryToken_IsRejected()
    {
        var client = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.PostAsync("/auth/dev-sign-in",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["persona"] = "ada.admin" }), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private static Task<HttpResponseMessage> SignInAsync(HttpClient client, string persona) =>
        DevelopmentSignIn.SignInAsync(client, persona, Ct);
}
