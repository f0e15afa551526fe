using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Domain.ApiKeys;
using Switchboard.Domain.Notifications;
using Switchboard.Domain.People;
using Switchboard.Infrastructure.ApiKeys;
using Switchboard.Infrastructure.Notifications;
using Switchboard.Infrastructure.People;
using Switchboard.Portal.Features.ApiKeys;

namespace Switchboard.IntegrationTests.Notifications;

/// <summary>Delivery to a real SMTP server on loopback, read back through its REST API.</summary>
public sealed class SmtpDeliveryTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Event_IsDeliveredOverSmtp_ToTheManager_WithSubjectLevelAndBody()
    {
        await using var smtp = await MailDev.StartAsync();
        await using var online = Configure(portal, smtp.SmtpPort);
        await ArrangeAsync(online, "sm");

        await PostAsync(online, "sm-1", "sm.worker");

        var mail = await WaitForMailAsync(smtp, "sm.boss@example.test", expected: 1);
        Assert.Equal("[WARNING] Dora Worker: VALID → LEFT", mail.GetProperty("subject").GetString());
        Assert.Contains("Hello Bob Boss", mail.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal("WARNING", mail.GetProperty("headers").GetProperty("x-switchboard-level").GetString());
    }

    [Fact]
    public async Task ServerDown_MessageWaits_ThenGoesOutOnceWhenTheServerIsBack()
    {
        var port = LoopbackPort.Free();
        await using var online = Configure(portal, port);
        await ArrangeAsync(online, "dn");

        await PostAsync(online, "dn-1", "dn.worker");
        await WaitForStatusAsync(online, "dn-1", MessageStatus.Failed);
        await using var smtp = await MailDev.StartAsync(port);

        await WaitForStatusAsync(online, "dn-1", MessageStatus.Sent);
        var mails = await smtp.MessagesAsync();
        Assert.Single(mails, m => m.GetProperty("to")[0].GetProperty("address").GetString() == "dn.boss@example.test");
    }

    private static WebApplicationFactory<Program> Configure(PortalFactory portal, int port) => portal.WithWebHostBuilder(b => b
        .UseSetting("Smtp:Host", "127.0.0.1")
        .UseSetting("Smtp:Port", port.ToString(System.Globalization.CultureInfo.InvariantCulture))
        .UseSetting("Smtp:Security", "None")
        .UseSetting("Smtp:FirstRetryDelay", "00:00:01")
        .UseSetting("Smtp:PollInterval", "00:00:01")
        .UseSetting("Database:DataFolder", Path.Combine(Path.GetTempPath(), $"switchboard-smtp-{Guid.NewGuid():N}")));

    private static async Task ArrangeAsync(WebApplicationFactory<Program> portal, string prefix)
    {
        var result = await portal.Services.GetRequiredService<DirectoryWriter>().UpsertAsync(
        [
            new PersonDraft { Username = $"{prefix}.boss", FirstName = "Bob", LastName = "Boss", Email = $"{prefix}.boss@example.test" },
            new PersonDraft { Username = $"{prefix}.worker", FirstName = "Dora", LastName = "Worker", Manager = $"{prefix}.boss", State = "VALID" },
        ], Ct);
        Assert.True(result.Succeeded);
        await using var scope = portal.Services.CreateAsyncScope();
        var topics = scope.ServiceProvider.GetRequiredService<NotificationTopicsService>();
        var configurations = scope.ServiceProvider.GetRequiredService<NotificationConfigurationsService>();
        await topics.SaveTopicAsync(TestPeople.Admin, new TopicDraft("smtp:state", null,
            "{{ identity.fullName }}: {{ before.attributes.state }} → {{ after.attributes.state }}",
            "<p>Hello {{ recipient.name }}</p>", "Hello {{ recipient.name }}, {{ identity.fullName }} left."), Ct);
        await configurations.SaveConfigurationAsync(TestPeople.Admin, null, new NotificationConfigurationDraft
        {
            EntityType = "IdmIdentity",
            EventType = "UPDATE",
            Rule = "state:VALID->LEFT",
            Topic = "smtp:state",
            Level = NotificationLevel.Warning,
            SendToManager = true,
        }, Ct);
    }

    private static Task PostAsync(WebApplicationFactory<Program> portal, string id, string username) =>
        portal.PostIdentityUpdateAsync(id, username, new { state = "VALID" }, new { state = "LEFT" }, Ct);

    private static async Task<System.Text.Json.JsonElement> WaitForMailAsync(MailDev smtp, string recipient, int expected) =>
        (await Eventually.MatchesAsync($"{expected} mail(s) for {recipient} at maildev",
            async () => (await smtp.MessagesAsync()).Where(m => m.GetProperty("to")[0].GetProperty("address").GetString() == recipient).ToList(),
            mails => mails.Count >= expected))[0];

    private static Task WaitForStatusAsync(WebApplicationFactory<Program> portal, string eventId, MessageStatus status)
    {
        var factory = portal.Services.GetRequiredService<IDbContextFactory<Switchboard.Infrastructure.Persistence.SwitchboardDbContext>>();
        return Eventually.TrueAsync($"the message for {eventId} {status}", async () =>
        {
            await using var db = await factory.CreateDbContextAsync(Ct);
            return await db.OutboxMessages.AsNoTracking()
                .AnyAsync(m => m.Status == status && db.EntityEvents.Any(e => e.Id == m.EventId && e.EventId == eventId), Ct);
        });
    }
}
