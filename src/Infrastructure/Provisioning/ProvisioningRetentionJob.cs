using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.Domain.Text;
using Switchboard.Infrastructure.Jobs;
using Switchboard.Infrastructure.Persistence;

namespace Switchboard.Infrastructure.Provisioning;

/// <summary>
/// Deletes captured messages older than <c>Provisioning:RequestRetention</c> that belong to no envelope (requests that
/// succeeded, their replies). Messages of an envelope stay as long as the envelope: its request is what a rerun sends.
/// </summary>
public sealed class ProvisioningRetentionJob(
    IOptions<ProvisioningOptions> options, JobRegistry registry, IServiceScopeFactory scopes, TimeProvider time, ILogger<ProvisioningRetentionJob> logger)
    : PeriodicJob(new JobDescriptor(Name, "Deletes captured provisioning messages past their retention that belong to no envelope.", TimeSpan.FromHours(1)),
        registry, scopes, time, logger)
{
    public const string Name = "provisioning-retention";

    protected override async Task<JobRunResult> RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var cutoff = Time.GetUtcNow().UtcDateTime - options.Value.RequestRetention;
        await using var db = await services.GetRequiredService<IDbContextFactory<SwitchboardDbContext>>().CreateDbContextAsync(cancellationToken);
        var deleted = 0;
        int batch;
        do
        {
            // In slices, so a year's backlog does not hold the write lock for long.
            batch = await db.ProvisioningMessages.Where(m => m.ReceivedAt < cutoff && m.EnvelopeId == null).OrderBy(m => m.Id).Take(5000)
                .ExecuteDeleteAsync(cancellationToken);
            deleted += batch;
        }
        while (batch == 5000);

        return deleted == 0 ? JobRunResult.Skipped("nothing past retention") : JobRunResult.Succeeded($"{Plural.Of(deleted, "message")} older than {cutoff:yyyy-MM-dd HH:mm} UTC deleted");
    }
}
