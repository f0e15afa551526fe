using FluentValidation;
using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Switchboard.Domain;
using Switchboard.Domain.Events;
using Switchboard.Domain.Notifications;
using Switchboard.Domain.Notifications.Rules;
using Switchboard.Domain.Notifications.Scripts;
using Switchboard.Domain.Notifications.Templates;
using Switchboard.Infrastructure.Persistence;

namespace Switchboard.Infrastructure.Notifications;

/// <summary>
/// Backtests a configuration before it is saved: runs the edited version, and its saved version beside it, through the
/// pipeline's evaluator over the stored events of the last N days and counts the events each fires on and the
/// recipients each reaches. Events are read in batches by id (keyset, untracked), and only those whose change a
/// version's rule watches are evaluated; messages are not rendered, nothing is sent and nothing is stored. Both versions
/// are evaluated as if enabled.
/// </summary>
public sealed class BacktestService(
    IDbContextFactory<SwitchboardDbContext> contextFactory, ITemplateRenderer renderer, INotificationScripts scripts,
    IOptions<NotificationLimitsOptions> limits, TimeProvider time)
{
    public const int DefaultDays = 7;
    public const int MaxDays = 90;
    public const int BatchSize = 5_000;

    /// <param name="savedId">The configuration being edited, or null for a new one (nothing to compare with).</param>
    /// <param name="progress">Told after every batch; reports arrive on the caller's synchronisation context.</param>
    public async Task<BacktestResult> RunAsync(
        NotificationConfigurationDraft draft, int? savedId, int days, IProgress<BacktestProgress>? progress, CancellationToken cancellationToken)
    {
        if (days is < 1 or > MaxDays)
        {
            throw new ValidationException([new ValidationFailure("Days", $"A backtest looks back 1 to {MaxDays} days, not {days}.")]);
        }

        // A rule that does not parse would fail on every event: said once, before reading any.
        if (string.IsNullOrWhiteSpace(draft.RuleScript) && RuleParser.Parse(draft.Rule) is { Rule: null } unparsed)
        {
            throw new ValidationException([new ValidationFailure(nameof(draft.Rule),
                $"The rule does not parse ({string.Join("; ", unparsed.Errors)}): fix it before a backtest.")]);
        }

        var since = time.GetUtcNow().UtcDateTime.AddDays(-days);
        NotificationConfiguration edited;
        NotificationConfiguration? saved = null;
        long? first, last;
        long total;
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            var topic = await db.Topics.AsNoTracking().SingleOrDefaultAsync(t => t.Code == draft.Topic, cancellationToken)
                ?? Topic.Create(draft.Topic, null, new EmailTemplate("", "", "")); // messages are not rendered: any topic does
            edited = NotificationConfiguration.Create(draft with { Disabled = false }, topic);
            if (savedId is { } id)
            {
                saved = await db.NotificationConfigurations.AsNoTracking().Include(c => c.Topic).SingleOrDefaultAsync(c => c.Id == id, cancellationToken)
                    ?? throw new NotFoundException($"There is no notification configuration {id}.");
                saved.SetDisabled(false);
            }

            first = await db.EntityEvents.Where(e => e.ReceivedAt >= since).MinAsync(e => (long?)e.Id, cancellationToken);
            last = await db.EntityEvents.MaxAsync(e => (long?)e.Id, cancellationToken);
            total = first is null ? 0 : await db.EntityEvents.LongCountAsync(e => e.ReceivedAt >= since && e.Id <= last, cancellationToken);
        }

        var editedTally = new Tally();
        var savedTally = new Tally();
        if (first is { } from && last is { } to)
        {
            var configurations = new ConfigurationSet(saved is null ? [edited] : [edited, saved]);
            await EvaluateAsync(configurations, since, from, to, total, c => ReferenceEquals(c, edited) ? editedTally : savedTally, progress, cancellationToken);
        }

        progress?.Report(new BacktestProgress(total, total));
        return new BacktestResult(days, since, total, editedTally.Outcome(), saved is null ? null : savedTally.Outcome());
    }

    private async Task EvaluateAsync(
        ConfigurationSet configurations, DateTime since, long from, long to, long total, Func<NotificationConfiguration, Tally> tallyOf,
        IProgress<BacktestProgress>? progress, CancellationToken cancellationToken)
    {
        // One evaluator for the run: it reads each identity once, however many of its events come.
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await using var events = await contextFactory.CreateDbContextAsync(cancellationToken);
        var evaluator = new NotificationEvaluator(db, renderer, scripts, limits.Value, time, render: false);
        var watched = new WatchedChange(configurations.WatchedAttributes);
        var kinds = configurations.All.Select(c => (c.Configuration.EntityType, c.Configuration.EventType)).Distinct().ToList();
        // The next batch is read while this one is evaluated.
        var next = Task.Run(() => ReadAsync(events, kinds, since, from - 1, to, cancellationToken), cancellationToken);
        try
        {
            while (true)
            {
                var batch = await next;
                if (batch.Count == 0)
                {
                    break;
                }

                var cursor = batch[^1].Id;
                next = cursor < to ? Task.Run(() => ReadAsync(events, kinds, since, cursor, to, cancellationToken), cancellationToken) : Task.FromResult(new List<StoredEvent>());
                // An event changing nothing a version's rule watches cannot fire it: only the rest is read in full and evaluated.
                var candidates = new List<(EntityEvent Event, ScriptEvent ScriptEvent)>();
                foreach (var (_, entityEvent) in batch)
                {
                    if (!configurations.WatchesEverything && !watched.Any(entityEvent.Before, entityEvent.After))
                    {
                        continue;
                    }

                    var scriptEvent = NotificationEvaluator.ScriptEventOf(entityEvent);
                    if (configurations.MayFire(scriptEvent.Changed).Count > 0)
                    {
                        candidates.Add((entityEvent, scriptEvent));
                    }
                }

                await evaluator.LoadIdentitiesAsync(candidates.Select(c => c.Event.Identity), cancellationToken);
                foreach (var (entityEvent, scriptEvent) in candidates)
                {
                    foreach (var verdict in await evaluator.EvaluateAsync(entityEvent, scriptEvent, configurations, explain: false, cancellationToken))
                    {
                        tallyOf(verdict.Configuration).Add(verdict);
                    }
                }

                progress?.Report(new BacktestProgress(Math.Min(total, cursor - from + 1), total));
            }
        }
        finally
        {
            // A read still under way (cancelled, or after a failure) ends before its context is disposed.
            await next.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        }
    }

    /// <summary>
    /// The next batch after <paramref name="after"/>: keyset by id (ids follow arrival, so the window is an id range),
    /// untracked, only the versions' entity and event types (the arrival time is checked again, for an event stored with an older one).
    /// </summary>
    private static Task<List<StoredEvent>> ReadAsync(
        SwitchboardDbContext db, List<(string EntityType, string EventType)> kinds, DateTime since, long after, long to, CancellationToken cancellationToken)
    {
        var (type1, event1) = kinds[0];
        var (type2, event2) = kinds[^1];
        return db.EntityEvents.AsNoTracking()
            .Where(e => e.Id > after && e.Id <= to && e.ReceivedAt >= since
                && ((e.EntityType == type1 && e.EventType == event1) || (e.EntityType == type2 && e.EventType == event2)))
            .OrderBy(e => e.Id).Take(BatchSize)
            .Select(e => new StoredEvent(e.Id, EntityEvent.Receive(e.EventId, e.EntityType, e.EventType, e.EntityId, e.Identity, e.System, e.OccurredAt,
                e.Before, e.After, e.ReceivedFrom, e.ReceivedAt)))
            .ToListAsync(cancellationToken);
    }

    private sealed record StoredEvent(long Id, EntityEvent Event);

    /// <summary>What one version did so far.</summary>
    private sealed class Tally
    {
        private readonly HashSet<string> _recipients = new(StringComparer.OrdinalIgnoreCase);
        private int _fired;
        private int _failures;
        private string? _firstFailure;

        public void Add(ConfigurationVerdict verdict)
        {
            if (verdict.Kind == VerdictKind.Failed)
            {
                _failures++;
                _firstFailure ??= verdict.Reason;
                return;
            }

            _fired++;
            foreach (var message in verdict.Messages.Where(m => m.Channel != DeliveryChannel.MattermostChannel)) // a channel post has no recipient of its own
            {
                _recipients.Add(message.Recipient.Email);
            }
        }

        public BacktestOutcome Outcome() => new(_fired, _recipients.Order(StringComparer.OrdinalIgnoreCase).ToList(), _failures, _firstFailure);
    }
}
