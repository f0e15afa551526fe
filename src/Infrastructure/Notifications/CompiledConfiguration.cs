using Switchboard.Domain.Notifications;
using Switchboard.Domain.Notifications.Rules;

namespace Switchboard.Infrastructure.Notifications;

/// <summary>A configuration with its rule parsed, once per evaluation run rather than per event.</summary>
public sealed record CompiledConfiguration(NotificationConfiguration Configuration, NotificationRule? Rule)
{
    public static CompiledConfiguration Of(NotificationConfiguration configuration) =>
        new(configuration, configuration.RuleScript is null ? RuleParser.Parse(configuration.Rule).Rule : null);
}
