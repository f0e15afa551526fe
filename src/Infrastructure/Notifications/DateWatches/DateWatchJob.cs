using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.Domain.Notifications.DateWatches;
using Switchboard.Domain.Notifications.Scripts;
using Switchboard.Domain.Notifications.Templates;
using Switchboard.Domain.Text;
using Switchboard.Infrastructure.Email;
using Switchboard.Infrastructure.Jobs;
using Switchboard.Infrastructure.People;
using Switchboard.Infrastructure.Persistence;

namespace Switchboard.Infrastructure.Notifications.DateWatches;

/// <summary>
/// Every <see cref="DateWatchOptions.Interval"/> (15 minutes by default), at start, and when the directory is edited: follows the watched dates the directory holds
/// (<see cref="DatePlanner.FollowDirectoryAsync"/>), then sends the planned notifications whose day has come (<see cref="DateFirer"/>) and
/// wakes the senders.
/// </summary>
public sealed class DateWatchJob(
    IOptions<DateWatchOptions> options, JobRegistry registry, IServiceScopeFactory scopes, TimeProvider time, ILogger<DateWatchJob> logger)
    : PeriodicJob(Descriptor(options.Value), registry, scopes, time, logger)
{
    public const string Name = "notification-dates";

    private static JobDescriptor Descriptor(DateWatchOptions options) =>
        new(Name, "Plans notifications ahead of watched dates from the directory and sends those whose day has come.", options.Interval, RunAtStart: true);

    protected override async Task<JobRunResult> RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var contextFactory = services.GetRequiredService<IDbContextFactory<SwitchboardDbContext>>();
        var options = services.GetRequiredService<IOptions<DateWatchOptions>>().Value;
        int planned;
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            var watches = await db.NotificationConfigurations.AsNoTracking().Where(c => !c.Disabled && c.WatchAttribute != null).OrderBy(c => c.Id).ToListAsync(cancellationToken);
            var planner = new DatePlanner(db, DatePlan.Today(Time, options.Zone), Time.GetUtcNow().UtcDateTime);
            await planner.FollowDirectoryAsync(watches, services.GetRequiredService<IOptions<PeopleOptions>>().Value.SyncFromIdentityEvents, cancellationToken);
            planned = planner.Planned + planner.Cancelled;
        }

        var firer = new DateFirer(contextFactory, services.GetRequiredService<ITemplateRenderer>(), services.GetRequiredService<INotificationScripts>(),
            services.GetRequiredService<IOptions<NotificationLimitsOptions>>().Value, options, Time);
        await firer.RunAsync(cancellationToken);
        if (firer.Messages > 0)
        {
            Registry.Find(OutboxSenderJob.Name)?.RequestRun();
            Registry.Find(Mattermost.MattermostSenderJob.Name)?.RequestRun();
        }

        var summary = $"{Plural.Of(planned, "date")} planned or cancelled from the directory, {Plural.Of(firer.Fired, "date")} fired ({Plural.Of(firer.Messages, "message")} queued)"
            + (firer.Failed > 0 ? $", {Plural.Of(firer.Failed, "date")} failed" : "");
        return planned == 0 && firer.Fired == 0 && firer.Failed == 0 ? JobRunResult.Skipped("no date due") : JobRunResult.Succeeded(summary);
    }
}
