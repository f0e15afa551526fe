using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.Domain.Events;
using Switchboard.Domain.Notifications;
using Switchboard.Domain.Notifications.DateWatches;
using Switchboard.Domain.Notifications.Digests;
using Switchboard.Domain.Notifications.Scripts;
using Switchboard.Domain.Notifications.Templates;
using Switchboard.Domain.Text;
using Switchboard.Infrastructure.Email;
using Switchboard.Infrastructure.Jobs;
using Switchboard.Infrastructure.Notifications.DateWatches;
using Switchboard.Infrastructure.Notifications.Digests;
using Switchboard.Infrastructure.People;
using Switchboard.Infrastructure.Persistence;
using Switchboard.Infrastructure.Telemetry;

namespace Switchboard.Infrastructure.Notifications;

/// <summary>
/// Evaluates stored events, in arrival order, against every enabled configuration that applies; each firing
/// configuration queues one rendered message per recipient in the outbox (one change, one message per recipient per
/// configuration). Rules are parsed once per chunk of events, not per event. What happened is noted on the event.
/// With directory sync on, the chunk's identity events (and any older ones still waiting) are applied to the directory
/// first, in one batch (<see cref="IdentityEventBatchSync"/>), and each event is evaluated against the directory as of
/// that event: its identity (and their manager) as that event and the earlier ones left them, not a later one. While the
/// database stays busy for the directory, the chunk waits for the next run.
/// </summary>
public sealed partial class NotificationEvaluationJob(
    JobRegistry registry, IServiceScopeFactory scopes, TimeProvider time, ILogger<NotificationEvaluationJob> logger)
    : PeriodicJob(Descriptor, registry, scopes, time, logger)
{
    public const string Name = "notification-evaluation";
    private const int ChunkSize = 1000;

    private static readonly JobDescriptor Descriptor = new(Name, "Evaluates received events against the notification configurations and queues e-mails.", TimeSpan.FromSeconds(30), RunAtStart: true);

    protected override async Task<JobRunResult> RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var contextFactory = services.GetRequiredService<IDbContextFactory<SwitchboardDbContext>>();
        var renderer = services.GetRequiredService<ITemplateRenderer>();
        var scripts = services.GetRequiredService<INotificationScripts>();
        var limits = services.GetRequiredService<IOptions<NotificationLimitsOptions>>().Value;
        var directory = services.GetRequiredService<IdentityEventBatchSync>();
        var digests = services.GetRequiredService<IOptions<DigestOptions>>().Value;
        var dates = services.GetRequiredService<IOptions<DateWatchOptions>>().Value;
        var (events, queued, gathered, planned) = (0, 0, 0, 0);
        var busy = false;
        while (true)
        {
            await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
            var pending = await db.EntityEvents.AsNoTracking().Where(e => !e.Evaluated).OrderBy(e => e.Id).Take(ChunkSize).ToListAsync(cancellationToken);
            if (pending.Count == 0)
            {
                break;
            }

            // Read after the events, per chunk: a configuration saved before an event arrived is always applied to it.
            var configurations = new ConfigurationSet(
                await db.NotificationConfigurations.AsNoTracking().Include(c => c.Topic).Where(c => !c.Disabled && c.WatchAttribute == null).OrderBy(c => c.Id).ToListAsync(cancellationToken));
            var dateWatches = await db.NotificationConfigurations.AsNoTracking().Where(c => !c.Disabled && c.WatchAttribute != null).ToListAsync(cancellationToken);

            var (stillBusy, asOf) = directory.Enabled ? await ApplyIdentityEventsAsync(directory, pending, cancellationToken) : (false, null);
            if (stillBusy)
            {
                busy = true;
                break;
            }

            var evaluator = new NotificationEvaluator(db, renderer, scripts, limits, Time);
            if (asOf is null)
            {
                await evaluator.LoadIdentitiesAsync(pending.Select(e => e.Identity), cancellationToken);
            }

            var messages = new List<OutboxMessage>();
            var items = new List<DigestItem>();
            var failures = new List<(int ConfigurationId, string Reason)>();
            foreach (var entityEvent in pending)
            {
                var notes = new List<string>();
                if (asOf is not null)
                {
                    evaluator.UseIdentity(entityEvent.Identity, asOf.PersonAsOf(entityEvent.Identity, entityEvent.Id));
                }

                try
                {
                    foreach (var verdict in await evaluator.EvaluateAsync(entityEvent, configurations, explain: false, cancellationToken))
                    {
                        Record(entityEvent, verdict, digests, notes, messages, items, failures);
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogEvaluationFailed(logger, ex, entityEvent.EventId);
                    notes.Add($"evaluation failed: {ex.Message}");
                }

                entityEvent.RecordEvaluation(notes.Count == 0 ? null : string.Join("; ", notes), Now);
            }

            planned += await PlanDatesAsync(contextFactory, dateWatches, pending, dates, cancellationToken);
            await EvaluationWriter.WriteAsync(db, messages, items, pending, failures, Now, cancellationToken);
            services.GetRequiredService<SwitchboardMetrics>().ConfigurationsFired(messages.Count + items.Count);
            events += pending.Count;
            queued += messages.Count;
            gathered += items.Count;
        }

        if (planned > 0)
        {
            // A date planned today (its due day gone while the date is ahead) goes now, not at the date job's next tick.
            Registry.Find(DateWatchJob.Name)?.RequestRun();
        }

        if (queued > 0)
        {
            Registry.Find(OutboxSenderJob.Name)?.RequestRun();
            Registry.Find(Mattermost.MattermostSenderJob.Name)?.RequestRun();
        }

        var summary = $"{Plural.Of(events, "event")} evaluated, {Plural.Of(queued, "message")} queued"
            + (gathered > 0 ? $", {Plural.Of(gathered, "change")} gathered for digests" : "")
            + (planned > 0 ? $", {Plural.Of(planned, "date")} planned or cancelled" : "");
        return busy ? JobRunResult.Succeeded($"{summary}; the database stayed busy for the directory, the other events wait for the next run")
            : events == 0 ? JobRunResult.Skipped("no events waiting")
            : JobRunResult.Succeeded(summary);
    }

    /// <summary>
    /// Applies the identity events waiting up to the chunk's last event (older ones first), in batches.
    /// </summary>
    /// <returns>
    /// Whether the database stayed busy, and the directory as of each of the chunk's events (null when the batch had to be
    /// applied event by event: then the chunk is evaluated against the directory as stored).
    /// </returns>
    private static async Task<(bool Busy, DirectoryAsOf? AsOf)> ApplyIdentityEventsAsync(IdentityEventBatchSync directory, List<EntityEvent> pending, CancellationToken cancellationToken)
    {
        var identities = pending.Select(e => e.Identity).Distinct(StringComparer.Ordinal).ToList();
        while (true)
        {
            var result = await directory.ApplyPendingAsync(pending[^1].Id, identities, cancellationToken);
            if (result.Busy || !result.More)
            {
                return (result.Busy, result.AsOf);
            }
        }
    }

    private DateTime Now => Time.GetUtcNow().UtcDateTime;

    /// <summary>
    /// Plans (and cancels) the notifications of date-watching configurations the chunk's identity events call for, before the
    /// events are noted as evaluated: planning is idempotent, so a chunk evaluated again plans nothing twice. When another
    /// instance planned the same date first, its row stands and this chunk's planning is left to it.
    /// </summary>
    private async Task<int> PlanDatesAsync(
        IDbContextFactory<SwitchboardDbContext> contextFactory, List<NotificationConfiguration> watches, List<EntityEvent> pending,
        DateWatchOptions options, CancellationToken cancellationToken)
    {
        if (watches.Count == 0)
        {
            return 0;
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var planner = new DatePlanner(db, DatePlan.Today(Time, options.Zone), Now);
        try
        {
            await planner.PlanFromEventsAsync(watches, pending, cancellationToken);
        }
        catch (DbUpdateException ex)
        {
            LogDatePlanningConflict(logger, ex);
            return 0;
        }

        return planner.Planned + planner.Cancelled;
    }

    /// <summary>
    /// Collects a firing configuration's messages (or its failure) and notes what happened on the event. A digest
    /// configuration's e-mails below the critical level wait as digest items instead, each with its template model.
    /// </summary>
    private void Record(
        EntityEvent entityEvent, ConfigurationVerdict verdict, DigestOptions digests, List<string> notes, List<OutboxMessage> messages,
        List<DigestItem> items, List<(int, string)> failures)
    {
        var id = verdict.Configuration.Id;
        if (verdict.Kind == VerdictKind.Failed)
        {
            notes.Add($"configuration {id} failed: {verdict.Reason}");
            failures.Add((id, $"event {entityEvent.EventId}: {verdict.Reason}"));
            return;
        }

        var configuration = verdict.Configuration;
        var gather = configuration.Digest is not null && digests.Gathers(configuration.Level);
        notes.Add($"configuration {id} fired: {Plural.Of(verdict.Messages.Select(m => m.Recipient).Distinct().Count(), "recipient")}"
            + (gather ? $", e-mails gathered for the digest ({configuration.Digest})" : ""));
        notes.AddRange(verdict.Skipped.Select(s => $"configuration {id} skipped {s}"));
        foreach (var (recipient, email, channel, model) in verdict.Messages)
        {
            if (gather && channel == DeliveryChannel.Email && model is not null)
            {
                items.Add(DigestItem.Gather(entityEvent.Id, id, configuration.Topic!.Code, configuration.Level, recipient.Email, recipient.Username,
                    JsonSerializer.Serialize(model, DigestModels.Json), Now));
                continue;
            }

            messages.Add(OutboxMessage.Queue(entityEvent.Id, id, verdict.Configuration.Topic!.Code, verdict.Configuration.Level,
                recipient.Email, recipient.Username, email.Subject, email.HtmlBody, email.TextBody, Now, channel));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Planning the watched dates of a chunk of events met another instance's planning; its rows stand")]
    private static partial void LogDatePlanningConflict(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Evaluating event {EventId} failed")]
    private static partial void LogEvaluationFailed(ILogger logger, Exception exception, string eventId);
}
