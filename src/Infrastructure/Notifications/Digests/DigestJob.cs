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

/// <summary>Every minute, queues the digests that are due (<see cref="DigestQueue"/>) and wakes the outbox sender.</summary>
public sealed class DigestJob(JobRegistry registry, IServiceScopeFactory scopes, TimeProvider time, ILogger<DigestJob> logger)
    : PeriodicJob(Descriptor, registry, scopes, time, logger)
{
    public const string Name = "notification-digests";

    private static readonly JobDescriptor Descriptor =
        new(Name, "Gathers the changes of digest configurations into one e-mail per recipient when their digest is due.", TimeSpan.FromMinutes(1), RunAtStart: true);

    protected override async Task<JobRunResult> RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var queue = new DigestQueue(services.GetRequiredService<IDbContextFactory<SwitchboardDbContext>>(), services.GetRequiredService<ITemplateRenderer>(),
            services.GetRequiredService<IOptions<DigestOptions>>().Value, Time, logger);
        await queue.RunAsync(cancellationToken);
        if (queue.Digests == 0)
        {
            return JobRunResult.Skipped("no digest due");
        }

        Registry.Find(OutboxSenderJob.Name)?.RequestRun();
        return JobRunResult.Succeeded($"{Plural.Of(queue.Digests, "digest")} queued, carrying {Plural.Of(queue.Items, "change")}");
    }
}
