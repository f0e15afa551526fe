using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Switchboard.Domain.Audit;
using Switchboard.Domain.Notifications;
using Switchboard.Domain.Notifications.Scripts;
using Switchboard.Domain.Notifications.Templates;
using Switchboard.Infrastructure.Audit;
using Switchboard.Infrastructure.ChatOps;
using Switchboard.Infrastructure.Email;
using Switchboard.Infrastructure.Events;
using Switchboard.Infrastructure.Http;
using Switchboard.Infrastructure.Jobs;
using Switchboard.Infrastructure.Listeners;
using Switchboard.Infrastructure.Mattermost;
using Switchboard.Infrastructure.Notifications;
using Switchboard.Infrastructure.Notifications.Scripts;
using Switchboard.Infrastructure.People;
using Switchboard.Infrastructure.Persistence;
using Switchboard.Infrastructure.Provisioning;
using Switchboard.Infrastructure.Templates;

namespace Switchboard.Infrastructure;

public static class DependencyInjection
{
    public const string ReadyTag = "ready";

    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddPersistence(configuration);
        services.AddSingleton<IAuditLog, DatabaseAuditLog>();
        services.AddSingleton<RepeatedAuditLog>();
        services.AddJobs();
        services.AddPeople();
        services.AddNotifications();
        services.AddMattermost();
        services.AddProvisioning();
        services.AddChatOps();
        services.AddListeners();
        return services;
    }

    private static void AddPersistence(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DatabaseOptions>, DatabaseOptionsValidator>();
        services.AddOptions<DemoDataOptions>().BindConfiguration(DemoDataOptions.SectionName);

        services.AddDbContextFactory<SwitchboardDbContext>((provider, options) =>
        {
            // The folder is created (and proven writable) by DatabaseMigrator, before any context opens.
            var database = provider.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            options.UseSqlite(database.ResolvedConnectionString).AddInterceptors(new SqliteConnectionSettings(database.BusyTimeout));
        });

        // Keys live beside the database so that sign-in sessions survive restarts and secrets stored
        // encrypted at rest stay readable.
        var dataFolder = configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>()?.ResolvedDataFolder
            ?? new DatabaseOptions().ResolvedDataFolder;
        services.AddDataProtection()
            .SetApplicationName("Switchboard")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataFolder, "keys")));

        services.AddSingleton<DemoDataSeeder>();
        services.AddHostedService<DatabaseMigrator>();
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [ReadyTag])
            .AddCheck<DataFolderHealthCheck>("data-folder", tags: [ReadyTag]);
    }

    private static void AddPeople(this IServiceCollection services)
    {
        services.AddOptions<PeopleOptions>().BindConfiguration(PeopleOptions.SectionName);
        services.AddSingleton<EventStore>();
        services.AddSingleton<DirectoryWriter>();
        services.AddSingleton<IdentityEventSync>();
        services.AddHostedService<IdentityEventSyncJob>();
    }

    private static void AddNotifications(this IServiceCollection services)
    {
        services.AddOptions<NotificationLimitsOptions>().BindConfiguration(NotificationLimitsOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<NotificationLimitsOptions>, NotificationLimitsOptionsValidator>();
        services.AddSingleton<ITemplateRenderer, FluidTemplateRenderer>();
        services.AddOptions<ScriptOptions>().BindConfiguration(ScriptOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ScriptOptions>, ScriptOptionsValidator>();
        services.AddSingleton<INotificationScripts, JintNotificationScripts>();
        services.AddOptions<SmtpOptions>().BindConfiguration(SmtpOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SmtpOptions>, SmtpOptionsValidator>();
        services.AddSingleton<SmtpMailSender>();
        services.AddSingleton<PickupFolderMailSender>();
        services.AddSingleton<IMailSender, ConfiguredMailSender>();

        services.AddHostedService<NotificationEvaluationJob>();
        services.AddHostedService<OutboxSenderJob>();
    }

    private static void AddMattermost(this IServiceCollection services)
    {
        services.AddOptions<MattermostOptions>().BindConfiguration(MattermostOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<MattermostOptions>, MattermostOptionsValidator>();
        services.AddHttpClient<MattermostClient>().AddMattermostResilience();
        services.AddSingleton<TokenRegenerationRunner>();
        services.AddScoped<PersonTokens>();
        services.AddHostedService<TokenRegenerationJob>();
    }

    private static void AddProvisioning(this IServiceCollection services)
    {
        services.AddOptions<ProvisioningOptions>().BindConfiguration(ProvisioningOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ProvisioningOptions>, ProvisioningOptionsValidator>();
        services.AddSingleton<RequestSchemas>();
        services.AddSingleton<CaptureWriter>();
        services.AddSingleton<ProvisioningCapture>();
        services.AddSingleton<CaptureStatus>();
        services.AddSingleton<RequestPublisher>();
        services.AddSingleton<EnvelopeReruns>();
        services.AddHostedService<ProvisioningConsumer>();
        services.AddHostedService<ProvisioningRetentionJob>();
    }

    private static void AddChatOps(this IServiceCollection services)
    {
        services.AddOptions<ChatOpsOptions>().BindConfiguration(ChatOpsOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ChatOpsOptions>, ChatOpsOptionsValidator>();
        services.AddSingleton<BridgeSecrets>();
        services.AddSingleton<ChatOpsRateLimits>();
        services.AddSingleton<BridgeCallOutcomes>();
        services.AddSingleton<BridgeWebhook>();
        services.AddHttpClient<GlpiClient>().AddGlpiResilience();
        services.AddTransient<TicketSender>();
        services.AddHostedService<BridgeCallRetryJob>();
    }

    private static void AddListeners(this IServiceCollection services)
    {
        services.AddOptions<ListenerOptions>().BindConfiguration(ListenerOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ListenerOptions>, ListenerOptionsValidator>();
        services.AddHttpClient(ListenerProbe.HttpClientName).AddListenerProbeResilience();
        services.AddSingleton<ListenerProbe>();
        services.AddSingleton<ListenerMonitor>();
        services.AddHostedService<ListenerMonitorJob>();
    }

    private static void AddJobs(this IServiceCollection services)
    {
        services.AddSingleton<JobRegistry>();
        services.AddOptions<DatabaseMaintenanceOptions>().BindConfiguration(DatabaseMaintenanceOptions.SectionName);
        services.AddHostedService<DatabaseMaintenanceJob>();
    }
}
