using Bunit;
using Switchboard.Domain.Notifications;
using Switchboard.Domain.Notifications.Digests;
using Switchboard.Domain.Notifications.Templates;
using Switchboard.Infrastructure.Notifications;
using Switchboard.Portal.Features.Notifications;

namespace Switchboard.ComponentTests.Notifications;

public sealed class VerdictTableTests : ComponentTestContext
{
    private static readonly Topic LeftTopic = Topic.Create("vt:left", null, new EmailTemplate("{{ identity.username }} left", "h", "t"));

    [Theory]
    [InlineData(NotificationLevel.Info, true)]
    [InlineData(NotificationLevel.Error, false)]
    public void FiringDigestConfiguration_SaysItsEmailsWaitForTheDigest_UnlessItsLevelIsCritical(NotificationLevel level, bool waits)
    {
        var configuration = NotificationConfiguration.Create(new NotificationConfigurationDraft
        {
            EntityType = "IdmIdentity",
            EventType = "UPDATE",
            Rule = "!",
            Topic = "vt:left",
            Level = level,
            SendToManager = true,
            Digest = new DigestSchedule(Cron: "0 8 * * 1-5"),
        }, LeftTopic);
        var verdict = new ConfigurationVerdict(configuration, VerdictKind.Fired, null, [],
            [new PlannedMessage(new Recipient("boss@example.test", "boss", "Boss"), new RenderedEmail("sam left", "", ""))]);

        var table = Render<VerdictTable>(p => p.Add(c => c.Verdicts, [verdict]));

        Assert.Equal(waits, table.Markup.Contains("e-mails wait for the digest (at 0 8 * * 1-5)", StringComparison.Ordinal));
    }
}
