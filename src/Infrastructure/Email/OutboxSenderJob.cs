using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.Domain.Notifications;
using Switchboard.Infrastructure.Jobs;
using Switchboard.Infrastructure.Persistence;
using Switchboard.Infrastructure.Telemetry;

namespace Switchboard.Infrastructure.Email;

/// <summary>
/// Delivers due outbox messages over one mail session (one SMTP connection) per run (<see cref="OutboxDelivery"/>). Messages are
/// claimed with a lease first, so a sender that dies mid-run leaves them to be claimed again when the lease runs out; a failed
/// message waits with exponential back-off, and is dead after the configured number of attempts.
/// </summary>
public sealed class OutboxSenderJob(
    IOptions<SmtpOptions> options, JobRegistry registry, IServiceScopeFactory scopes, TimeProvider time, ILogger<OutboxSenderJob> logger)
    : PeriodicJob(Descriptor(options.Value), registry, scopes, time, logger)
{
    public const string Name = "outbox-sender";

    // New messages ring the job at once; the interval is how soon a failed message's retry is noticed. Messages are
    // claimed one by one, so every instance sends side by side.
    private static JobDescriptor Descriptor(SmtpOptions options) =>
        new(Name, "Delivers queued notification e-mails, retrying failures with back-off.", options.PollInterval, RunAtStart: true, EveryInstance: true);

    protected override async Task<JobRunResult> RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var run = new OutboxDelivery(services.GetRequiredService<IDbContextFactory<SwitchboardDbContext>>(), services.GetRequiredService<IMailSender>(),
            services.GetRequiredService<IOptions<SmtpOptions>>().Value, services.GetRequiredService<SwitchboardMetrics>(), Time, logger);
        await run.RunAsync(cancellationToken);
        return run.Sent + run.Failed == 0 ? JobRunResult.Skipped("nothing due") : JobRunResult.Succeeded($"{run.Sent} sent, {run.Failed} failed");
    }
}
