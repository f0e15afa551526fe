using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Domain.Audit;
using Switchboard.Infrastructure.Access;
using Switchboard.Infrastructure.Sessions;
using Switchboard.Portal.Features.Sessions;

namespace Switchboard.IntegrationTests.Access;

/// <summary>Sessions live on the server: signing out or an Admin's revocation ends them for every copy of the cookie.</summary>
public sealed class SessionTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SignOut_ThenReplayingTheSavedCookie_GetsNoAccess()
    {
        var client = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var saved = SessionCookie.Of(await DevelopmentSignIn.SignInAsync(client, "ada.admin", Ct));
        Assert.Equal(HttpStatusCode.OK, (await SessionCookie.GetAsync(portal, saved, "/audit")).StatusCode);

        var signedOut = await client.PostAsync("/auth/sign-out", null, Ct);

        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        foreach (var path in new[] { "/audit", "/people/export.csv", "/api-keys" })
        {
            var replayed = await SessionCookie.GetAsync(portal, saved, path);
            Assert.Equal(HttpStatusCode.Redirect, replayed.StatusCode);
            Assert.StartsWith("/dev/sign-in", SessionCookie.RedirectPath(replayed), StringComparison.Ordinal);
        }

        await using var db = await portal.DbAsync();
        var session = await db.PortalSessions.SingleAsync(s => s.UserName == "ada.admin" && s.EndedBy == "ada.admin", Ct);
        Assert.NotNull(session.EndedAt);
        Assert.Empty(session.Ticket);
    }

    [Fact]
    public async Task AdminRevokingASession_EndsIt_AndIsAudited()
    {
        var saved = SessionCookie.Of(await DevelopmentSignIn.SignInAsync(
            portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }), "otto.operator", Ct));
        Assert.Equal(HttpStatusCode.OK, (await SessionCookie.GetAsync(portal, saved, "/audit")).StatusCode);
        await using var scope = portal.Services.CreateAsyncScope();
        var sessions = scope.ServiceProvider.GetRequiredService<SessionsService>();
        var otto = (await sessions.ListActiveAsync(TestPeople.Admin, Ct)).Single(s => s.UserName == "otto.operator");

        await sessions.RevokeAsync(TestPeople.Admin, otto.Id, Ct);

        var replayed = await SessionCookie.GetAsync(portal, saved, "/audit");
        Assert.Equal(HttpStatusCode.Redirect, replayed.StatusCode);
        Assert.DoesNotContain(await sessions.ListActiveAsync(TestPeople.Admin, Ct), s => s.Id == otto.Id);
        await using var db = await portal.DbAsync();
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == AuditActions.SessionRevoked && e.Actor == "ada.admin"
            && e.ObjectId == $"otto.operator ({otto.ShortId})" && e.Result == AuditResult.Success, Ct));
    }

    [Fact]
    public async Task RevokeSession_AsOperator_IsRefusedAndAudited_AndTheSessionGoesOn()
    {
        var saved = SessionCookie.Of(await DevelopmentSignIn.SignInAsync(
            portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }), "vera.viewer", Ct));
        await using var scope = portal.Services.CreateAsyncScope();
        var sessions = scope.ServiceProvider.GetRequiredService<SessionsService>();
        var vera = (await sessions.ListActiveAsync(TestPeople.Admin, Ct)).First(s => s.UserName == "vera.viewer");

        await Assert.ThrowsAsync<AccessDeniedException>(() => sessions.RevokeAsync(TestPeople.Operator, vera.Id, Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => sessions.ListActiveAsync(TestPeople.Operator, Ct));

        Assert.Equal(HttpStatusCode.OK, (await SessionCookie.GetAsync(portal, saved, "/audit")).StatusCode);
        await using var db = await portal.DbAsync();
        Assert.True(await db.AuditEntries.AnyAsync(
            e => e.Action == AuditActions.SessionRevoked && e.Actor == "otto.operator" && e.Result == AuditResult.Denied, Ct));
    }
}
