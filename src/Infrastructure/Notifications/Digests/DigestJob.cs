using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.Domain.Notifications.Templates;
using Switchboard.Domain.Text;
using Switchboard.Infrastructure.Email;
using Switchboard.Infrastructure.Jobs;
using Switchboard.Infrastructure.Persistence;

namespace Switchboard.Infrastructure.Notifications.Digests;

/// <summary>Every minute, queues the digests that are due (<see cref="DueDigests"/>) and wakes the outbox sender.</summary>
public sealed class DigestJob(JobRegistry registry, IServiceScopeFactory scopes, TimeProvider time, ILogger<DigestJob> logger)
    : PeriodicJob(Descriptor, registry, scopes, time, logger)
{
    public const string Name = "notification-digests";

    private static readonly JobDescriptor Descriptor =
        new(Name, "Gathers the changes of digest configurations into one e-mail per recipient when their digest is due.", TimeSpan.FromMinutes(1), RunAtStart: true);

    protected override async Task<JobRunResult> RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var digests = new DueDigests(services.GetRequiredService<IDbContextFactory<SwitchboardDbContext>>(), services.GetRequiredService<ITemplateRenderer>(),
            services.GetRequiredService<IOptions<DigestOptions>>().Value, Time, logger);
        await digests.QueueAsync(cancellationToken);
        if (digests.Digests == 0)
        {
            return JobRunResult.Skipped("no digest due");
        }

        Registry.Find(OutboxSenderJob.Name)?.RequestRun();
        return JobRunResult.Succeeded($"{Plural.Of(digests.Digests, "digest")} queued, carrying {Plural.Of(digests.Items, "change")}");
    }
}
