using Switchboard.Domain.Notifications;
using Switchboard.Domain.Notifications.Templates;
using Switchboard.Infrastructure.Notifications;

namespace Switchboard.UnitTests.Notifications;

public sealed class ConfigurationSetTests
{
    private static readonly Topic Topic = Topic.Create("t", null, new EmailTemplate("s", "h", "t"));

    private static NotificationConfiguration Configuration(string rule, string? script = null) =>
        NotificationConfiguration.Create(new NotificationConfigurationDraft
        {
            EntityType = "IdmIdentity",
            EventType = "UPDATE",
            Rule = rule,
            RuleScript = script,
            Topic = "t",
            SendToIdentity = true,
        }, Topic);

    [Fact]
    public void MayFire_OffersOnlyRulesWatchingAChangedAttribute_PlusAlwaysAndScripts_InStoredOrder()
    {
        var set = new ConfigurationSet(
        [
            Configuration("state:VALID->LEFT"),
            Configuration("firstName:CHANGED"),
            Configuration("!"),
            Configuration("EAV:clinicCode:100->200"),
            Configuration("", script: "true"),
            Configuration("state:CHANGED"),
        ]);

        var offered = set.MayFire(["EAV:clinicCode", "state"]).Select(c => c.Configuration.RuleScript ?? c.Configuration.Rule);

        Assert.Equal(["state:VALID->LEFT", "!", "EAV:clinicCode:100->200", "true", "state:CHANGED"], offered);
    }

    [Fact]
    public void MayFire_ForAnUnrelatedChange_OffersOnlyTheUnwatched()
    {
        var set = new ConfigurationSet([Configuration("state:VALID->LEFT"), Configuration("!")]);

        Assert.Equal(["!"], set.MayFire(["firstName"]).Select(c => c.Configuration.Rule));
    }
}
