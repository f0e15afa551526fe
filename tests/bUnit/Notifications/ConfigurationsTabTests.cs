using Bunit;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Switchboard.Domain.Access;
using Switchboard.Domain.Notifications;
using Switchboard.Domain.Notifications.Templates;
using Switchboard.Infrastructure.Access;
using Switchboard.Infrastructure.Jobs;
using Switchboard.Infrastructure.Notifications;
using Switchboard.Infrastructure.Persistence;
using Switchboard.Portal.Features.Notifications;

namespace Switchboard.ComponentTests.Notifications;

public sealed class ConfigurationsTabTests : ComponentTestContext
{
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"switchboard-bunit-{Guid.NewGuid():N}.db");
    private readonly int _quiet;
    private readonly int _busy;

    public ConfigurationsTabTests()
    {
        Services.AddAuditedDatabase(_database);
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton<IValidator<TopicDraft>>(new InlineValidator<TopicDraft>());
        Services.AddSingleton<IValidator<NotificationConfigurationDraft>>(new InlineValidator<NotificationConfigurationDraft>());
        Services.AddSingleton<JobRegistry>();
        Services.AddScoped<AccessGuard>();
        Services.AddScoped<NotificationTopicsService>();
        Services.AddSingleton(new MattermostWebhookSecrets(new Microsoft.AspNetCore.DataProtection.EphemeralDataProtectionProvider()));
        Services.AddScoped<NotificationConfigurationsService>();
        SignInAs("vera.viewer", PortalRole.Viewer);

        using var db = Services.GetRequiredService<IDbContextFactory<SwitchboardDbContext>>().CreateDbContext();
        db.Database.Migrate();
        var topic = db.Topics.Add(Topic.Create("ct:topic", null, new EmailTemplate("s", "h", "t"))).Entity;
        var quiet = db.NotificationConfigurations.Add(NotificationConfiguration.Create(Draft("state:VALID->LEFTT"), topic)).Entity;
        var busy = db.NotificationConfigurations.Add(NotificationConfiguration.Create(Draft("state:VALID->DISABLED"), topic)).Entity;
        db.SaveChanges();
        (_quiet, _busy) = (quiet.Id, busy.Id);
        var yesterday = DateTime.UtcNow.AddDays(-1);
        var message = OutboxMessage.Queue(1, _busy, "ct:topic", NotificationLevel.Info, "boss@example.test", null, "s", "h", "t", yesterday);
        message.MarkSent("250 OK", yesterday);
        db.OutboxMessages.Add(message);
        db.SaveChanges();
    }

    [Fact]
    public void ConfigurationThatNeverFiredIn30Days_IsFlaggedWithTheTypoHint_AndOneThatFiredIsNot()
    {
        Render<MudPopoverProvider>();
        var tab = Render<ConfigurationsTab>();

        tab.WaitForAssertion(() => Assert.Single(tab.FindAll($"[aria-label='Configuration {_quiet} never fired in 30 days']")));
        Assert.Empty(tab.FindAll($"[aria-label='Configuration {_busy} never fired in 30 days']"));
        Assert.Contains("usually a typo", ConfigurationsTab.NeverFiredHint, StringComparison.Ordinal);
        var busyRow = tab.FindAll("tbody tr").Single(r => r.TextContent.Contains("state:VALID->DISABLED", StringComparison.Ordinal));
        Assert.Contains(DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), busyRow.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void DisabledConfiguration_IsNotFlagged()
    {
        using (var db = Services.GetRequiredService<IDbContextFactory<SwitchboardDbContext>>().CreateDbContext())
        {
            db.NotificationConfigurations.Single(c => c.Id == _quiet).SetDisabled(true);
            db.SaveChanges();
        }

        Render<MudPopoverProvider>();
        var tab = Render<ConfigurationsTab>();

        tab.WaitForAssertion(() => Assert.Equal(2, tab.FindAll("tbody tr a").Count));
        Assert.Empty(tab.FindAll("[aria-label$='never fired in 30 days']"));
    }

    private static NotificationConfigurationDraft Draft(string rule) => new()
    {
        EntityType = "IdmIdentity",
        EventType = "UPDATE",
        Rule = rule,
        Topic = "ct:topic",
        SendToManager = true,
    };

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_database);
    }
}
