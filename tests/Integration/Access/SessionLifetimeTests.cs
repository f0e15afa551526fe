using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Domain.Audit;
using Switchboard.Portal.Auth;

namespace Switchboard.IntegrationTests.Access;

/// <summary>A session ends a fixed time after sign-in however busy, and its role is read again every RoleRefresh.</summary>
public sealed class SessionLifetimeTests : IClassFixture<PortalFactory>, IAsyncDisposable
{
    private readonly ManualClock _clock = new();
    private readonly ChangeableRoles _roles = new();
    private readonly WebApplicationFactory<Program> _portal;

    public SessionLifetimeTests(PortalFactory portal) =>
        _portal = portal.WithWebHostBuilder(host =>
        {
            host.UseSetting("Authentication:SessionLifetime", "08:00:00");
            host.UseSetting("Authentication:RoleRefresh", "00:15:00");
            host.ConfigureTestServices(services =>
            {
                services.AddSingleton<TimeProvider>(_clock);
                services.AddSingleton<IRoleSource>(_roles);
            });
        });

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Session_EndsAtItsAbsoluteLifetime_HoweverBusy()
    {
        var cookie = await SignInAsync("vera.viewer", "switchboard-viewers");

        // Used every hour: a sliding session would never end.
        for (var hour = 1; hour < 8; hour++)
        {
            _clock.Advance(TimeSpan.FromHours(1));
            Assert.Equal(HttpStatusCode.OK, (await SessionCookie.GetAsync(_portal, cookie, "/audit")).StatusCode);
        }

        _clock.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal(HttpStatusCode.OK, (await SessionCookie.GetAsync(_portal, cookie, "/audit")).StatusCode);
        _clock.Advance(TimeSpan.FromMinutes(2));
        var expired = await SessionCookie.GetAsync(_portal, cookie, "/audit");
        Assert.Equal(HttpStatusCode.Redirect, expired.StatusCode);
        Assert.StartsWith("/dev/sign-in", SessionCookie.RedirectPath(expired), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RoleRefresh_PicksUpAChangedRole()
    {
        var cookie = await SignInAsync("ada.admin", "switchboard-admins");
        Assert.Equal(HttpStatusCode.OK, (await SessionCookie.GetAsync(_portal, cookie, "/api-keys")).StatusCode);

        // Removed from the admins' group at the provider: the session keeps the old role until the next refresh.
        _roles.Set("ada.admin", "switchboard-viewers");
        _clock.Advance(TimeSpan.FromMinutes(14));
        Assert.Equal(HttpStatusCode.OK, (await SessionCookie.GetAsync(_portal, cookie, "/api-keys")).StatusCode);
        _clock.Advance(TimeSpan.FromMinutes(2));

        var demoted = await SessionCookie.GetAsync(_portal, cookie, "/api-keys");
        Assert.Equal(HttpStatusCode.Redirect, demoted.StatusCode);
        Assert.StartsWith("/no-access", SessionCookie.RedirectPath(demoted), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await SessionCookie.GetAsync(_portal, cookie, "/audit")).StatusCode);
        await using var db = await _portal.Services.GetRequiredService<IDbContextFactory<Infrastructure.Persistence.SwitchboardDbContext>>()
            .CreateDbContextAsync(Ct);
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == AuditActions.RoleChanged && e.Actor == "ada.admin"
            && e.Details!.Contains("Admin → Viewer"), Ct));
    }

    [Fact]
    public async Task RoleRefresh_WhenTheProviderCannotTell_EndsTheSession()
    {
        var cookie = await SignInAsync("otto.operator", "switchboard-operators");

        _roles.Unavailable("otto.operator");
        _clock.Advance(TimeSpan.FromMinutes(16));

        var ended = await SessionCookie.GetAsync(_portal, cookie, "/audit");
        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        Assert.StartsWith("/dev/sign-in", SessionCookie.RedirectPath(ended), StringComparison.Ordinal);
        _roles.Set("otto.operator", "switchboard-operators");
        Assert.Equal(HttpStatusCode.Redirect, (await SessionCookie.GetAsync(_portal, cookie, "/audit")).StatusCode);
    }

    private async Task<string> SignInAsync(string persona, string group)
    {
        _roles.Set(persona, group);
        var client = _portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        return SessionCookie.Of(await DevelopmentSignIn.SignInAsync(client, persona, Ct));
    }

    public async ValueTask DisposeAsync() => await _portal.DisposeAsync();

    /// <summary>The identity provider's answer, which the test changes as an administrator of the provider would.</summary>
    private sealed class ChangeableRoles : IRoleSource
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string[]?> _groups = new();

        public void Set(string userName, params string[] groups) => _groups[userName] = groups;

        public void Unavailable(string userName) => _groups[userName] = null;

        public Task<IReadOnlyList<string>?> ReadAsync(ClaimsPrincipal person, AuthenticationProperties session, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<string>?>(_groups.GetValueOrDefault(person.Identity?.Name ?? ""));
    }
}
