using FluentValidation;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.Domain.Audit;
using Switchboard.Domain.Notifications;
using Switchboard.Domain.Notifications.Scripts;
using Switchboard.Domain.Notifications.Templates;
using Switchboard.Infrastructure.Access;
using Switchboard.Infrastructure.ApiKeys;
using Switchboard.Infrastructure.Audit;
using Switchboard.Infrastructure.Changes;
using Switchboard.Infrastructure.ChatOps;
using Switchboard.Infrastructure.Dashboard;
using Switchboard.Infrastructure.DemoData;
using Switchboard.Infrastructure.Email;
using Switchboard.Infrastructure.Events;
using Switchboard.Infrastructure.Http;
using Switchboard.Infrastructure.Incidents;
using Switchboard.Infrastructure.Jobs;
using Switchboard.Infrastructure.KeyProtection;
using Switchboard.Infrastructure.Listeners;
using Switchboard.Infrastructure.Mattermost;
using Switchboard.Infrastructure.Messaging;
using Switchboard.Infrastructure.Notifications;
using Switchboard.Infrastructure.Notifications.DateWatches;
using Switchboard.Infrastructure.Notifications.Digests;
using Switchboard.Infrastructure.Notifications.Scripts;
using Switchboard.Infrastructure.People;
using Switchboard.Infrastructure.Persistence;
using Switchboard.Infrastructure.Provisioning;
using Switchboard.Infrastructure.Search;
using Switchboard.Infrastructure.Sessions;
using Switchboard.Infrastructure.Telemetry;
using Switchboard.Infrastructure.Templates;

namespace Switchboard.Infrastructure;

public static class DependencyInjection
{
    public const string ReadyTag = "ready";

    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<SwitchboardMetrics>();
        services.AddSingleton<StoredStateGauges>();
        services.AddSingleton<IncidentReader>();
        services.AddChanges();
        services.AddPersistence();
        services.AddKeyProtection(configuration);
        services.AddDemoData();
        services.AddAudit();
        services.AddAccess();
        services.AddDashboard();
        services.AddSearch();
        services.AddJobs();
        services.AddMessaging();
        services.AddEvents();
        services.AddPeople();
        services.AddNotifications();
        services.AddMattermost();
        services.AddProvisioning();
        services.AddChatOps();
        services.AddListeners();
        return services;
    }

    private static void AddPersistence(this IServiceCollection services)
    {
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DatabaseOptions>, DatabaseOptionsValidator>();

        services.AddSingleton<AuditingInterceptor>();
        services.AddDbContextFactory<SwitchboardDbContext, SwitchboardDbContextFactory>((provider, options) =>
            options.Use(provider.GetRequiredService<IOptions<DatabaseOptions>>().Value,
                provider.GetRequiredService<AuditingInterceptor>(), provider.GetRequiredService<ChangeNoticeInterceptor>()));

        services.AddHostedService<DatabaseMigrator>();
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [ReadyTag])
            .AddCheck<DataFolderHealthCheck>("data-folder", tags: [ReadyTag]);
    }

    /// <summary>The change feed live pages follow: published after commit, relayed between instances on PostgreSQL.</summary>
    private static void AddChanges(this IServiceCollection services)
    {
        services.AddSingleton<ChangeFeed>();
        services.AddSingleton<IChangeFeed>(provider => provider.GetRequiredService<ChangeFeed>());
        services.AddSingleton<ChangeNoticeInterceptor>();
        services.AddHostedService<PostgresChangeRelay>();
    }

    /// <summary>
    /// The key ring lives in the database, so that every instance reads the same keys and sessions and stored secrets
    /// survive restarts; a configured certificate encrypts it at rest.
    /// </summary>
    private static void AddKeyProtection(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<KeyProtectionOptions>().BindConfiguration(KeyProtectionOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<KeyProtectionOptions>, KeyProtectionOptionsValidator>();

        // Hosted services start in registration order: after the migrator (the table exists) and before Data
        // Protection's own start-up service, which would otherwise create a new key ring before the old keys are copied.
        services.AddHostedService<KeyRingStartup>();
        var keyRing = services.AddDataProtection()
            .SetApplicationName("Switchboard")
            .PersistKeysToDbContext<SwitchboardDbContext>();

        // A certificate that does not open is left out here and reported in one line by the validator at start.
        var settings = configuration.GetSection(KeyProtectionOptions.SectionName).Get<KeyProtectionOptions>() ?? new();
        if (KeyProtectionCertificate.TryLoad(settings) is { } certificate)
        {
            keyRing.ProtectKeysWithCertificate(certificate);
        }
    }

    private static void AddAudit(this IServiceCollection services)
    {
        services.AddSingleton<IAuditLog, DatabaseAuditLog>();
        services.AddSingleton<RepeatedAuditLog>();
        services.AddScoped<AuditService>();
    }

    /// <summary>The server-side role and scope check, API keys and the sessions people hold.</summary>
    private static void AddAccess(this IServiceCollection services)
    {
        services.AddScoped<AccessGuard>();
        services.AddSingleton<IValidator<CreateApiKeyRequest>, CreateApiKeyRequestValidator>();
        services.AddScoped<ApiKeyService>();
        services.AddScoped<SessionsService>();
    }

    private static void AddDashboard(this IServiceCollection services)
    {
        services.AddScoped<DashboardService>();
        services.AddSingleton<DashboardSummaries>();
    }

    private static void AddSearch(this IServiceCollection services) => services.AddScoped<PortalSearch>();

    private static void AddMessaging(this IServiceCollection services) => services.AddSingleton<RabbitMqConnections>();

    private static void AddEvents(this IServiceCollection services)
    {
        services.AddOptions<EventQueueOptions>().BindConfiguration(EventQueueOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<EventQueueOptions>, EventQueueOptionsValidator>();
        services.AddSingleton<EventStore>();
        services.AddSingleton<EventIngest>();
        services.AddHostedService<RabbitMqEventConsumer>();
    }

    /// <summary>After <see cref="AddPersistence"/>: the seeder starts once the migrator has finished.</summary>
    private static void AddDemoData(this IServiceCollection services)
    {
        services.AddOptions<DemoDataOptions>().BindConfiguration(DemoDataOptions.SectionName).ValidateOnStart();
        services.AddHostedService<DemoDataSeeder>();
    }

    private static void AddPeople(this IServiceCollection services)
    {
        services.AddOptions<PeopleOptions>().BindConfiguration(PeopleOptions.SectionName).ValidateOnStart();
        services.AddSingleton<DirectoryWriter>();
        services.AddSingleton<IdentityEventSync>();
        services.AddSingleton<IdentityEventBatchSync>();
        services.AddHostedService<IdentityEventSyncJob>();
        services.AddScoped<PeopleService>();
        services.AddScoped<PersonTimelineService>();
        services.AddScoped<AccountOwners>();
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

        services.AddOptions<DigestOptions>().BindConfiguration(DigestOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DigestOptions>, DigestOptionsValidator>();
        services.AddOptions<DateWatchOptions>().BindConfiguration(DateWatchOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DateWatchOptions>, DateWatchOptionsValidator>();

        services.AddHostedService<NotificationEvaluationJob>();
        services.AddHostedService<DigestJob>();
        services.AddHostedService<DateWatchJob>();
        services.AddHostedService<OutboxSenderJob>();

        services.AddSingleton<IValidator<TopicDraft>, TopicDraftValidator>();
        services.AddSingleton<IValidator<NotificationConfigurationDraft>, NotificationConfigurationDraftValidator>();
        services.AddScoped<NotificationTopicsService>();
        services.AddSingleton<MattermostWebhookSecrets>();
        services.AddScoped<NotificationConfigurationsService>();
        services.AddScoped<PlannedNotificationsService>();
        services.AddScoped<CodeListTransferService>();
        services.AddScoped<DeliveryLogService>();
        services.AddScoped<ReceivedEventsService>();
        services.AddScoped<TestBenchService>();
        services.AddScoped<BacktestService>();
    }

    private static void AddMattermost(this IServiceCollection services)
    {
        services.AddOptions<MattermostOptions>().BindConfiguration(MattermostOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<MattermostOptions>, MattermostOptionsValidator>();
        services.AddOptions<MattermostNotificationOptions>().BindConfiguration(MattermostNotificationOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<MattermostNotificationOptions>, MattermostNotificationOptionsValidator>();

        // The factory's own request logging would write an incoming webhook's URL (its credential); the resilience pipeline logs what matters.
        services.AddHttpClient<MattermostClient>().RemoveAllLoggers().AddMattermostResilience();
        services.AddHostedService<MattermostSenderJob>();
        services.AddSingleton<TokenRegenerationRunner>();
        services.AddScoped<PersonTokens>();
        services.AddHostedService<TokenRegenerationJob>();
        services.AddScoped<MattermostTokensService>();
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
        services.AddScoped<ProvisioningService>();
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
        services.AddSingleton<IValidator<BridgeForm>, BridgeFormValidator>();
        services.AddScoped<ChatOpsService>();
    }

    private static void AddListeners(this IServiceCollection services)
    {
        services.AddOptions<ListenerOptions>().BindConfiguration(ListenerOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ListenerOptions>, ListenerOptionsValidator>();
        services.AddHttpClient(ListenerProbe.HttpClientName).AddListenerProbeResilience();
        services.AddSingleton<ListenerProbe>();
        services.AddSingleton<ListenerMonitor>();
        services.AddHostedService<ListenerMonitorJob>();
        services.AddScoped<ListenersService>();
        services.AddSingleton<ListenerOverview>();
    }

    private static void AddJobs(this IServiceCollection services)
    {
        services.AddSingleton<JobRegistry>();
        services.AddOptions<JobsOptions>().BindConfiguration(JobsOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<JobsOptions>, JobsOptionsValidator>();
        services.AddSingleton<JobStore>();
        services.AddSingleton<IJobStateChanges, FeedJobStateChanges>();
        services.AddSingleton<IJobLocks>(provider =>
        {
            // SQLite: one instance (the only supported SQLite setup), so the locks live in this process.
            var database = provider.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            return string.Equals(database.Provider, "Postgres", StringComparison.OrdinalIgnoreCase)
                ? new PostgresJobLocks(database.ResolvedConnectionString)
                : new InProcessJobLocks();
        });
        services.AddOptions<DatabaseMaintenanceOptions>().BindConfiguration(DatabaseMaintenanceOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DatabaseMaintenanceOptions>, DatabaseMaintenanceOptionsValidator>();
        services.AddHostedService<DatabaseMaintenanceJob>();
        services.AddScoped<BackgroundJobsService>();
    }
}
