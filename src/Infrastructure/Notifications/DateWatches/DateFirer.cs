using Microsoft.EntityFrameworkCore;
using Switchboard.Domain.Notifications;
using Switchboard.Domain.Notifications.DateWatches;
using Switchboard.Domain.Notifications.Scripts;
using Switchboard.Domain.Notifications.Templates;
using Switchboard.Infrastructure.Changes;
using Switchboard.Infrastructure.Persistence;

namespace Switchboard.Infrastructure.Notifications.DateWatches;

/// <summary>
/// Sends the planned notifications whose day has come: per row, the configuration's messages for the person (as
/// <see cref="NotificationEvaluator.DateCameAsync"/> renders them) are queued in the outbox in the same transaction that
/// marks the row fired, and only if the row was still planned, so two runs or two instances never send the same date
/// twice. A row whose configuration is gone or watches another date now is cancelled; a disabled configuration's rows wait.
/// </summary>
internal sealed class DateFirer(
    IDbContextFactory<SwitchboardDbContext> contextFactory, ITemplateRenderer renderer, INotificationScripts scripts, NotificationLimitsOptions limits,
    DateWatchOptions options, TimeProvider time)
{
    public int Fired { get; private set; }
    public int Messages { get; private set; }
    public int Failed { get; private set; }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var today = DatePlan.Today(time, options.Zone);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var due = await db.PlannedNotifications.AsNoTracking().Where(p => p.Status == PlannedNotificationStatus.Planned && p.FireOn <= today)
            .OrderBy(p => p.FireOn).ThenBy(p => p.Id).Take(options.MaxPerRun).ToListAsync(cancellationToken);
        var ids = due.Select(p => p.ConfigurationId).Distinct().ToList();
        var configurations = await db.NotificationConfigurations.AsNoTracking().Include(c => c.Topic).Where(c => ids.Contains(c.Id))
            .ToDictionaryAsync(c => c.Id, cancellationToken);
        var evaluator = new NotificationEvaluator(db, renderer, scripts, limits, time);
        foreach (var row in due)
        {
            var configuration = configurations.GetValueOrDefault(row.ConfigurationId);
            if (configuration is { Disabled: true })
            {
                continue;
            }

            if (configuration?.WatchDate is null)
            {
                await CancelAsync(db, row.Id, "the configuration is gone or watches no date any more", cancellationToken);
                continue;
            }

            var verdict = await evaluator.DateCameAsync(configuration, row.Identity, row.DateValue, cancellationToken);
            await FireAsync(db, row, configuration, verdict, cancellationToken);
        }
    }

    private async Task FireAsync(SwitchboardDbContext db, PlannedNotification row, NotificationConfiguration configuration, ConfigurationVerdict verdict, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var failed = verdict.Kind == VerdictKind.Failed;
        var note = failed ? Trim($"failed: {verdict.Reason}") : $"{verdict.Messages.Count} message(s) queued" + (verdict.Skipped.Count > 0 ? $"; skipped {string.Join("; ", verdict.Skipped)}" : "");
        var status = failed ? PlannedNotificationStatus.Failed : PlannedNotificationStatus.Fired;

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var claimed = await db.PlannedNotifications.Where(p => p.Id == row.Id && p.Status == PlannedNotificationStatus.Planned)
            .ExecuteUpdateAsync(u => u.SetProperty(p => p.Status, status).SetProperty(p => p.FiredAt, now).SetProperty(p => p.Note, Trim(note)), cancellationToken);
        if (claimed != 1)
        {
            // Another run or instance fired it first.
            await transaction.RollbackAsync(cancellationToken);
            return;
        }

        if (failed)
        {
            var stored = await db.NotificationConfigurations.SingleAsync(c => c.Id == configuration.Id, cancellationToken);
            stored.RecordFailure($"date {DateValues.Write(row.DateValue)} of {row.Identity}: {verdict.Reason}", now);
            Failed++;
        }

        foreach (var (recipient, email, channel, _) in verdict.Messages)
        {
            db.OutboxMessages.Add(OutboxMessage.Queue(row.EventId ?? 0, configuration.Id, configuration.Topic!.Code, configuration.Level,
                recipient.Email, recipient.Username, email.Subject, email.HtmlBody, email.TextBody, now, channel));
        }

        await db.SaveChangesAsync(cancellationToken);
        db.Touched(ChangeKind.OutboxMessage);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        (Fired, Messages) = (Fired + (failed ? 0 : 1), Messages + verdict.Messages.Count);
    }

    private async Task CancelAsync(SwitchboardDbContext db, long id, string reason, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await db.PlannedNotifications.Where(p => p.Id == id && p.Status == PlannedNotificationStatus.Planned)
            .ExecuteUpdateAsync(u => u.SetProperty(p => p.Status, PlannedNotificationStatus.Cancelled).SetProperty(p => p.CancelledAt, now).SetProperty(p => p.Note, reason), cancellationToken);
    }

    private static string Trim(string text) => text.Length > PlannedNotification.NoteMaxLength ? text[..PlannedNotification.NoteMaxLength] : text;
}
