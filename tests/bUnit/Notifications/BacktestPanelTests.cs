using Bunit;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Switchboard.Domain.Access;
using Switchboard.Domain.Events;
using Switchboard.Domain.Notifications;
using Switchboard.Domain.Notifications.Templates;
using Switchboard.Infrastructure.Notifications;
using Switchboard.Infrastructure.Persistence;
using Switchboard.Portal.Features.Notifications;

namespace Switchboard.ComponentTests.Notifications;

public sealed class BacktestPanelTests : ComponentTestContext
{
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"switchboard-bunit-{Guid.NewGuid():N}.db");
    private readonly int _savedId;

    public BacktestPanelTests()
    {
        Services.AddAuditedDatabase(_database);
        Services.AddNotificationEvaluation();
        Services.AddScoped<BacktestService>();
        SignInAs("ada.admin", PortalRole.Admin);

        using var db = Services.GetRequiredService<IDbContextFactory<SwitchboardDbContext>>().CreateDbContext();
        db.Database.Migrate();
        var topic = db.Topics.Add(Topic.Create("bp:topic", null, new EmailTemplate("s", "h", "t"))).Entity;
        var saved = db.NotificationConfigurations.Add(NotificationConfiguration.Create(Form("EAV:btcode:1->2").ToDraft(), topic)).Entity;
        var now = DateTime.UtcNow;
        foreach (var (who, to) in new[] { ("anna", "2"), ("bert", "3") })
        {
            db.EntityEvents.Add(EntityEvent.Receive($"bp-{who}", EntityTypes.IdmIdentity, EventTypes.Update, $"guid-{who}", who, null, now,
                """{"attributes":{},"eav":{"btcode":"1"}}""", $$$"""{"attributes":{"email":"{{{who}}}@example.test"},"eav":{"btcode":"{{{to}}}"}}""", "test", now));
        }

        db.SaveChanges();
        _savedId = saved.Id;
    }

    [Fact]
    public void Backtest_OfAnEditedRule_ShowsItsFiresRecipientsAndTheDifferenceFromTheSavedVersion()
    {
        Render<MudPopoverProvider>();
        var panel = Render<BacktestPanel>(p => p.Add(x => x.Form, Form("EAV:btcode:CHANGED")).Add(x => x.SavedId, _savedId));

        panel.FindAll("button").Single(b => b.TextContent.Trim() == "Backtest").Click();

        panel.WaitForAssertion(() => Assert.Contains("Difference: +1 events, +1 recipients", panel.Find("[aria-label='Backtest outcome']").TextContent, StringComparison.Ordinal));
        var outcome = panel.Find("[aria-label='Backtest outcome']").TextContent;
        Assert.Contains("The saved version: 1 events, 1 recipients.", outcome, StringComparison.Ordinal);
        Assert.Contains("bert@example.test", outcome, StringComparison.Ordinal);
        Assert.Contains("Newly reached (1)", outcome, StringComparison.Ordinal);
        Assert.Single(panel.FindAll("button"), b => b.TextContent.Trim() == "Backtest"); // done: the Cancel button is gone
    }

    [Fact]
    public void Backtest_OfANewConfiguration_ShowsNoComparison()
    {
        Render<MudPopoverProvider>();
        var panel = Render<BacktestPanel>(p => p.Add(x => x.Form, Form("EAV:btcode:1->2")));

        panel.FindAll("button").Single(b => b.TextContent.Trim() == "Backtest").Click();

        panel.WaitForAssertion(() => Assert.Contains("would have fired on 1 to 1 recipients", Normalised(panel.Find("[aria-label='Backtest outcome']").TextContent), StringComparison.Ordinal));
        Assert.DoesNotContain("Difference", panel.Markup, StringComparison.Ordinal);
    }

    private static string Normalised(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static ConfigurationForm Form(string rule) => new()
    {
        EntityType = EntityTypes.IdmIdentity,
        EventType = EventTypes.Update,
        Rule = rule,
        Topic = "bp:topic",
        SendToIdentity = true,
    };

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_database);
    }
}
