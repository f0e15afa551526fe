using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Switchboard.Domain.ApiKeys;
using Switchboard.Domain.Notifications;
using Switchboard.Domain.Notifications.Digests;
using Switchboard.Domain.Notifications.Templates;
using Switchboard.Domain.People;
using Switchboard.Infrastructure.ApiKeys;
using Switchboard.Infrastructure.Jobs;
using Switchboard.Infrastructure.Notifications;
using Switchboard.Infrastructure.Notifications.Digests;
using Switchboard.Infrastructure.People;
using Switchboard.Infrastructure.Persistence;
using Switchboard.Portal.Features.ApiKeys;

namespace Switchboard.IntegrationTests.Notifications;

/// <summary>
/// Digests end to end into a real SMTP server: a digest configuration's changes wait per recipient, and when the digest is
/// due (a clock moved forward by hand) one e-mail per recipient lists them all; critical levels skip the digest.
/// </summary>
public abstract class DigestDeliveryTests(PortalFactory portal)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TwoChangesForOneManager_WaitForTheDigest_ThenGoOutAsOneEmailListingBoth()
    {
        await using var smtp = await MailDev.StartAsync();
        await using var online = Configure(portal, smtp.SmtpPort);
        await ArrangeAsync(online, "dg", NotificationLevel.Info);

        await PostAsync(online, "dg-1", "dg.anna");
        await PostAsync(online, "dg-2", "dg.bert");
        await WaitForWaitingItemsAsync(online, "dg.boss@example.test", 2);

        await BackdateWaitingItemsAsync(online, TimeSpan.FromMinutes(30));
        Assert.Equal(0, await QueueDueDigestsAsync(online));
        await BackdateWaitingItemsAsync(online, TimeSpan.FromMinutes(31));
        WakeDigestJob(online);

        var mail = await WaitForMailAsync(smtp, "dg.boss@example.test");
        Assert.Equal("2 people left", mail.GetProperty("subject").GetString());
        var text = mail.GetProperty("text").GetString();
        Assert.Contains("Anna Worker: VALID -> LEFTDG", text, StringComparison.Ordinal);
        Assert.Contains("Bert Worker: VALID -> LEFTDG", text, StringComparison.Ordinal);

        await using var db = await Db(online).CreateDbContextAsync(Ct);
        var digest = await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.RecipientEmail == "dg.boss@example.test", Ct);
        Assert.Equal(2, digest.DigestItems);
        await using var scope = online.Services.CreateAsyncScope();
        var detail = await scope.ServiceProvider.GetRequiredService<DeliveryLogService>().DetailAsync(digest.Id, Ct);
        Assert.Equal(["dg-1", "dg-2"], detail!.DigestEvents.Select(e => e.EventId));
    }

    [Fact]
    public async Task CriticalLevel_SkipsTheDigest_AndGoesAtOnce()
    {
        await using var smtp = await MailDev.StartAsync();
        await using var online = Configure(portal, smtp.SmtpPort);
        await ArrangeAsync(online, "cr", NotificationLevel.Error);

        await PostAsync(online, "cr-1", "cr.anna");

        var mail = await WaitForMailAsync(smtp, "cr.boss@example.test");
        Assert.Equal("[ERROR] Anna Worker left", mail.GetProperty("subject").GetString());
        await using var db = await Db(online).CreateDbContextAsync(Ct);
        Assert.False(await db.DigestItems.AnyAsync(i => i.RecipientEmail == "cr.boss@example.test", Ct));
    }

    [Fact]
    public async Task DigestTemplateThatFails_IsReplacedByTheDefaultDigest_SoNoChangeIsLost()
    {
        await using var smtp = await MailDev.StartAsync();
        await using var online = Configure(portal, smtp.SmtpPort);
        await ArrangeAsync(online, "df", NotificationLevel.Info, digestText: "{% for i in (1..1000) %}{% for j in (1..1000) %}x{% endfor %}{% endfor %}");

        await PostAsync(online, "df-1", "df.anna");
        await WaitForWaitingItemsAsync(online, "df.boss@example.test", 1);
        await BackdateWaitingItemsAsync(online, TimeSpan.FromMinutes(61));
        WakeDigestJob(online);

        var mail = await WaitForMailAsync(smtp, "df.boss@example.test");
        Assert.Equal("1 change: digest:df", mail.GetProperty("subject").GetString());
        Assert.Contains("Anna Worker: IdmIdentity UPDATE, changed state", mail.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    private static WebApplicationFactory<Program> Configure(PortalFactory portal, int port) => portal.WithWebHostBuilder(b => b
        .UseSetting("Smtp:Host", "127.0.0.1")
        .UseSetting("Smtp:Port", port.ToString(System.Globalization.CultureInfo.InvariantCulture))
        .UseSetting("Smtp:Security", "None")
        .UseSetting("Smtp:PollInterval", "00:00:01")
        .UseSetting("Database:DataFolder", Path.Combine(Path.GetTempPath(), $"switchboard-digest-{Guid.NewGuid():N}")));

    private static IDbContextFactory<SwitchboardDbContext> Db(WebApplicationFactory<Program> portal) =>
        portal.Services.GetRequiredService<IDbContextFactory<SwitchboardDbContext>>();

    /// <summary>Lets time pass for the waiting changes: they were gathered <paramref name="earlier"/> before they were.</summary>
    private static async Task BackdateWaitingItemsAsync(WebApplicationFactory<Program> portal, TimeSpan earlier)
    {
        await using var db = await Db(portal).CreateDbContextAsync(Ct);
        foreach (var item in await db.DigestItems.Where(i => i.OutboxMessageId == null).ToListAsync(Ct))
        {
            db.Entry(item).Property(i => i.CreatedAt).CurrentValue = item.CreatedAt - earlier;
        }

        await db.SaveChangesAsync(Ct);
    }

    /// <summary>Runs the digest job's work once, beside the job itself; returns the digests it queued.</summary>
    private static async Task<int> QueueDueDigestsAsync(WebApplicationFactory<Program> portal)
    {
        var digests = new DueDigests(Db(portal), portal.Services.GetRequiredService<ITemplateRenderer>(),
            portal.Services.GetRequiredService<IOptions<DigestOptions>>().Value, TimeProvider.System, NullLogger.Instance);
        await digests.QueueAsync(Ct);
        return digests.Digests;
    }

    private static void WakeDigestJob(WebApplicationFactory<Program> portal) =>
        portal.Services.GetRequiredService<JobRegistry>().Find(DigestJob.Name)!.RequestRun();

    private static async Task ArrangeAsync(WebApplicationFactory<Program> portal, string prefix, NotificationLevel level, string? digestText = null)
    {
        var result = await portal.Services.GetRequiredService<DirectoryWriter>().UpsertAsync(
        [
            new PersonDraft { Username = $"{prefix}.boss", FirstName = "Bob", LastName = "Boss", Email = $"{prefix}.boss@example.test" },
            new PersonDraft { Username = $"{prefix}.anna", FirstName = "Anna", LastName = "Worker", Manager = $"{prefix}.boss", State = "VALID" },
            new PersonDraft { Username = $"{prefix}.bert", FirstName = "Bert", LastName = "Worker", Manager = $"{prefix}.boss", State = "VALID" },
        ], Ct);
        Assert.True(result.Succeeded);
        await using var scope = portal.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<NotificationTopicsService>().SaveTopicAsync(TestPeople.Admin, new TopicDraft($"digest:{prefix}", null,
            "{{ identity.fullName }} left", "<p>{{ identity.fullName }} left</p>", "{{ identity.fullName }} left.", Digest: new EmailTemplate(
                "{{ count }} people left", "<ul>{% for item in items %}<li>{{ item.identity.fullName }}</li>{% endfor %}</ul>",
                digestText ?? "{% for item in items %}{{ item.identity.fullName }}: {{ item.before.attributes.state }} -> {{ item.after.attributes.state }}\n{% endfor %}")), Ct);
        await scope.ServiceProvider.GetRequiredService<NotificationConfigurationsService>().SaveConfigurationAsync(TestPeople.Admin, null, new NotificationConfigurationDraft
        {
            EntityType = "IdmIdentity",
            EventType = "UPDATE",
            Rule = $"state:VALID->{Left(prefix)}",
            Topic = $"digest:{prefix}",
            Level = level,
            SendToManager = true,
            Digest = new DigestSchedule(EveryMinutes: 60),
        }, Ct);
    }

    private static Task PostAsync(WebApplicationFactory<Program> portal, string id, string username) =>
        portal.PostIdentityUpdateAsync(id, username, new { state = "VALID" }, new { state = Left(username.Split('.')[0]) }, Ct);

    /// <summary>
    /// The state each test's people leave to: each test's configuration fires only for its own people, as the tests share
    /// one database on PostgreSQL.
    /// </summary>
    private static string Left(string prefix) => $"LEFT{prefix.ToUpperInvariant()}";

    private static Task WaitForWaitingItemsAsync(WebApplicationFactory<Program> portal, string recipient, int count) =>
        Eventually.TrueAsync($"{count} change(s) waiting for {recipient}'s digest", async () =>
        {
            await using var db = await Db(portal).CreateDbContextAsync(Ct);
            return await db.DigestItems.CountAsync(i => i.RecipientEmail == recipient && i.OutboxMessageId == null, Ct) == count;
        });

    private static async Task<JsonElement> WaitForMailAsync(MailDev smtp, string recipient) =>
        (await Eventually.MatchesAsync($"a mail for {recipient} at maildev",
            async () => (await smtp.MessagesAsync()).Where(m => m.GetProperty("to")[0].GetProperty("address").GetString() == recipient).ToList(),
            mails => mails.Count >= 1))[0];
}

public sealed class DigestDeliveryTestsOnSqlite(PortalFactory portal) : DigestDeliveryTests(portal), IClassFixture<PortalFactory>;

public sealed class DigestDeliveryTestsOnPostgres(PostgresPortalFactory portal) : DigestDeliveryTests(portal), IClassFixture<PostgresPortalFactory>;
