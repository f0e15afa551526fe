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
/// Delivers due outbox messages over one mail session (one SMTP connection) per run. Messages are claimed with a lease first, so a
/// sender that dies mid-run leaves them to be claimed again when the lease runs out; a failed message waits with
/// exponential back-off, and is dead after the configured number of attempts.
/// </summary>
public sealed partial class OutboxSenderJob(
    IOptions<SmtpOptions> options, JobRegistry registry, IServiceScopeFactory scopes, TimeProvider time, ILogger<OutboxSenderJob> logger)
    : PeriodicJob(Descriptor(options.Value), registry, scopes, time, logger)
{
    public const string Name = "outbox-sender";
    private const int ChunkSize = 500;

    // New messages ring the job at once; the interval is how soon a failed message's retry is noticed. Messages are
    // claimed one by one, so every instance sends side by side.
    private static JobDescriptor Descriptor(SmtpOptions options) =>
        new(Name, "Delivers queued notification e-mails, retrying failures with back-off.", options.PollInterval, RunAtStart: true, EveryInstance: true);

    protected override async Task<JobRunResult> RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var settings = services.GetRequiredService<IOptions<SmtpOptions>>().Value;
        var contextFactory = services.GetRequiredService<IDbContextFactory<SwitchboardDbContext>>();
        var metrics = services.GetRequiredService<SwitchboardMetrics>();
        var (sent, failed) = (0, 0);
        IMailSession? session = null;
        try
        {
            while (true)
            {
                await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
                var due = await OutboxStore.ClaimAsync(db, Now, settings.Lease, ChunkSize, cancellationToken);
                if (due.Count == 0)
                {
                    break;
                }

                try
                {
                    session ??= await services.GetRequiredService<IMailSender>().OpenAsync(cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The server could not be reached: every claimed message waits for its next attempt.
                    LogUnreachable(logger, ex.Message);
                    foreach (var message in due)
                    {
                        message.MarkFailed($"mail server unreachable: {ex.Message}", Now, settings.Retries);
                    }

                    await OutboxStore.SaveOutcomesAsync(db, due, CancellationToken.None);
                    foreach (var message in due)
                    {
                        metrics.MessageDelivered(message.Status switch { MessageStatus.Sent => "sent", MessageStatus.Dead => "dead", _ => "failed" });
                    }

                    failed += due.Count;
                    break;
                }

                foreach (var message in due)
                {
                    try
                    {
                        message.MarkSent(await session.SendAsync(message, cancellationToken), Now);
                        sent++;
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        message.MarkFailed(ex.Message, Now, settings.Retries);
                        failed++;
                    }
                }

                // Outcomes are written even when the run is being cancelled: a message that went out stays sent.
                await OutboxStore.SaveOutcomesAsync(db, due, CancellationToken.None);
                foreach (var message in due)
                {
                    metrics.MessageDelivered(message.Status switch { MessageStatus.Sent => "sent", MessageStatus.Dead => "dead", _ => "failed" });
                }

                if (due.TrueForAll(m => m.Status != MessageStatus.Sent))
                {
                    break; // nothing in this chunk went out: the server is refusing, the rest wait for their next attempt
                }
            }
        }
        finally
        {
            if (session is not null)
            {
                await session.DisposeAsync();
            }
        }

        return sent + failed == 0 ? JobRunResult.Skipped("nothing due") : JobRunResult.Succeeded($"{sent} sent, {failed} failed");
    }

    private DateTime Now => Time.GetUtcNow().UtcDateTime;

    [LoggerMessage(Level = LogLevel.Warning, Message = "The mail server could not be reached ({Error}); queued messages wait for their next attempt")]
    private static partial void LogUnreachable(ILogger logger, string error);
}
