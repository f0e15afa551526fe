using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Switchboard.Domain.Notifications.Scripts;
using Switchboard.Domain.Notifications.Templates;
using Switchboard.Infrastructure.Notifications;
using Switchboard.Infrastructure.Notifications.Scripts;
using Switchboard.Infrastructure.Templates;

namespace Switchboard.ComponentTests.Notifications;

/// <summary>What a component needs to evaluate events against configurations (dry runs, backtests): templates, scripts, limits.</summary>
public static class NotificationEvaluation
{
    public static IServiceCollection AddNotificationEvaluation(this IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(Options.Create(new NotificationLimitsOptions()));
        services.AddSingleton(Options.Create(new ScriptOptions()));
        services.AddSingleton<ITemplateRenderer, FluidTemplateRenderer>();
        services.AddSingleton<INotificationScripts, JintNotificationScripts>();
        return services;
    }
}
