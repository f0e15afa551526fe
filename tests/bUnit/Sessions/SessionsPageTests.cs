using System.Security.Claims;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor;
using Switchboard.Domain.Access;
using Switchboard.Domain.Audit;
using Switchboard.Infrastructure.Access;
using Switchboard.Infrastructure.Persistence;
using Switchboard.Infrastructure.Sessions;
using Switchboard.Portal.Auth;
using Switchboard.Portal.Features.Sessions;

namespace Switchboard.ComponentTests.Sessions;

public sealed class SessionsPageTests : ComponentTestContext
{
    private const string AdaSession = "ada-session-0000000000000000000000000000000";
    private const string OttoSession = "otto-session-000000000000000000000000000000";
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"switchboard-bunit-{Guid.NewGuid():N}.db");

    public SessionsPageTests()
    {
        Services.AddAuditedDatabase(_database);
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton(Options.Create(new PortalAuthenticationOptions()));
        Services.AddScoped<AccessGuard>();
        Services.AddScoped<SessionsService>();
        var authorization = SignInAs("ada.admin", PortalRole.Admin);
        authorization.SetClaims([.. RoleMap.Granted(PortalRole.Admin).Select(r => new Claim(PortalClaims.Role, r.ToString())),
            new Claim(PortalClaims.SessionId, AdaSession)]);

        using var db = Services.GetRequiredService<IDbContextFactory<SwitchboardDbContext>>().CreateDbContext();
        db.Database.Migrate();
        var now = DateTime.UtcNow;
        db.PortalSessions.Add(PortalSession.Start(AdaSession, "ada.admin", PortalRole.Admin, "127.0.0.1", [1], now.AddHours(-1), TimeSpan.FromHours(8)));
        db.PortalSessions.Add(PortalSession.Start(OttoSession, "otto.operator", PortalRole.Operator, "10.0.0.7", [1], now.AddHours(-2), TimeSpan.FromHours(8)));
        db.PortalSessions.Add(PortalSession.Start("old-session-0000000000000000000000000000000", "vera.viewer", PortalRole.Viewer, null, [1],
            now.AddHours(-9), TimeSpan.FromHours(8)));
        db.SaveChanges();
    }

    [Fact]
    public void Page_ListsActiveSessions_WhoSinceAndLastSeen_AndMarksTheCurrentOne()
    {
        var page = Render<SessionsPage>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("tbody tr").Count));
        var rows = page.FindAll("tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains(rows, r => r.Contains("ada.admin", StringComparison.Ordinal) && r.Contains("this session", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains("otto.operator", StringComparison.Ordinal) && r.Contains("Operator", StringComparison.Ordinal)
            && r.Contains("10.0.0.7", StringComparison.Ordinal) && r.Contains("otto-ses", StringComparison.Ordinal));
        Assert.DoesNotContain(rows, r => r.Contains("vera.viewer", StringComparison.Ordinal));
        Assert.DoesNotContain(OttoSession, page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revoke_AfterConfirmation_EndsTheSessionAndAuditsIt()
    {
        Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();
        var page = Render<SessionsPage>();
        page.WaitForAssertion(() => page.Find("button[aria-label='Revoke session otto-ses of otto.operator']"));

        page.Find("button[aria-label='Revoke session otto-ses of otto.operator']").Click();
        dialogs.WaitForAssertion(() => Assert.Single(dialogs.FindAll("button"), b => b.TextContent.Trim() == "Revoke"));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Revoke").Click();

        page.WaitForAssertion(() => Assert.DoesNotContain("otto.operator", page.Find("tbody").TextContent, StringComparison.Ordinal));
        await using var db = await Services.GetRequiredService<IDbContextFactory<SwitchboardDbContext>>().CreateDbContextAsync(Xunit.TestContext.Current.CancellationToken);
        var otto = await db.PortalSessions.SingleAsync(s => s.Id == OttoSession, Xunit.TestContext.Current.CancellationToken);
        Assert.False(otto.IsActiveAt(DateTime.UtcNow));
        Assert.Equal("ada.admin", otto.EndedBy);
        var revoked = Assert.Single(Services.AuditTrail(), r => r.Action == AuditActions.SessionRevoked);
        Assert.Equal(AuditResult.Success, revoked.Result);
        Assert.Equal("otto.operator (otto-ses)", revoked.ObjectId);
    }

    [Fact]
    public void Revoke_Cancelled_LeavesTheSession()
    {
        Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();
        var page = Render<SessionsPage>();
        page.WaitForAssertion(() => page.Find("button[aria-label='Revoke session otto-ses of otto.operator']"));

        page.Find("button[aria-label='Revoke session otto-ses of otto.operator']").Click();
        dialogs.WaitForAssertion(() => Assert.Single(dialogs.FindAll("button"), b => b.TextContent.Trim() == "Cancel"));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel").Click();

        Assert.Contains("otto.operator", page.Find("tbody").TextContent, StringComparison.Ordinal);
        Assert.Empty(Services.AuditTrail());
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_database);
    }
}
