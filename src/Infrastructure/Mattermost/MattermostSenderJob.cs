using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.Infrastructure.Email;
using Switchboard.Infrastructure.Jobs;
using Switchboard.Infrastructure.Notifications;
using Switchboard.Infrastructure.Persistence;
using Switchboard.Infrastructure.Telemetry;

namespace Switchboard.Infrastructure.Mattermost;

/// <summary>
/// Delivers the outbox's Mattermost messages (direct messages and channel posts, <see cref="MattermostDelivery"/>) with the
/// outbox's retry schedule and lease (<see cref="SmtpOptions.Retries"/>, <see cref="SmtpOptions.Lease"/>): one outbox, one
/// back-off, a sender per channel.
/// </summary>
public sealed class MattermostSenderJob(
    IOptions<MattermostNotificationOptions> options, JobRegistry registry, IServiceScopeFactory scopes, TimeProvider time, ILogger<MattermostSenderJob> logger)
    : PeriodicJob(Descriptor(options.Value), registry, scopes, time, logger)
{
    public const string Name = "mattermost-sender";

    private static JobDescriptor Descriptor(MattermostNotificationOptions options) =>
        new(Name, "Delivers queued notifications to Mattermost (direct messages and channel posts), retrying failures with back-off.",
            options.PollInterval, RunAtStart: true, EveryInstance: true);

    protected override async Task<JobRunResult> RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var outbox = services.GetRequiredService<IOptions<SmtpOptions>>().Value;
        var run = new MattermostDelivery(services.GetRequiredService<IDbContextFactory<SwitchboardDbContext>>(), services.GetRequiredService<MattermostClient>(),
            services.GetRequiredService<MattermostWebhookSecrets>(), services.GetRequiredService<IOptions<MattermostNotificationOptions>>().Value,
            outbox.Retries, outbox.Lease, services.GetRequiredService<SwitchboardMetrics>(), Time, logger);
        await run.RunAsync(cancellationToken);
        return run.Sent + run.Failed == 0 ? JobRunResult.Skipped("nothing due") : JobRunResult.Succeeded($"{run.Sent} sent, {run.Failed} failed");
    }
}
