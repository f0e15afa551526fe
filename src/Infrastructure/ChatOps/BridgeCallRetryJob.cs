using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.Domain.ChatOps;
using Switchboard.Domain.Text;
using Switchboard.Infrastructure.Jobs;
using Switchboard.Infrastructure.Persistence;

namespace Switchboard.Infrastructure.ChatOps;

/// <summary>
/// The one sender of ChatOps calls: sends the calls the webhook has just stored (it asks for a run), the calls GLPI failed
/// once their back-off has passed, and calls left pending when the portal stopped (their lease has run out). Nothing a
/// person asked for in the channel is lost.
/// </summary>
public sealed class BridgeCallRetryJob(
    IOptions<ChatOpsOptions> options, JobRegistry registry, IServiceScopeFactory scopes, TimeProvider time, ILogger<BridgeCallRetryJob> logger)
    : PeriodicJob(new JobDescriptor(Name, "Sends ChatOps calls to GLPI as they arrive, retries failures with back-off, and finishes calls left pending.", options.Value.RetryInterval,
            EveryInstance: true),
        registry, scopes, time, logger)
{
    public const string Name = "chatops-retry";

    protected override async Task<JobRunResult> RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var now = Time.GetUtcNow().UtcDateTime;
        List<long> due;
        await using (var db = await services.GetRequiredService<IDbContextFactory<SwitchboardDbContext>>().CreateDbContextAsync(cancellationToken))
        {
            due = await db.BridgeCalls
                .Where(c => (c.Status == CallStatus.Failed && c.NextAttemptAt != null && c.NextAttemptAt <= now) || c.Status == CallStatus.Pending)
                .Where(c => c.LeaseUntil == null || c.LeaseUntil < now)
                .OrderBy(c => c.Id).Select(c => c.Id).Take(200).ToListAsync(cancellationToken);
        }

        if (due.Count == 0)
        {
            return JobRunResult.Skipped("no call due");
        }

        var sender = services.GetRequiredService<TicketSender>();
        var created = 0;
        foreach (var id in due)
        {
            created += await sender.SendAsync(id, cancellationToken) == CallStatus.Created ? 1 : 0;
        }

        return JobRunResult.Succeeded($"{Plural.Of(due.Count, "call")} sent, {Plural.Of(created, "ticket")} opened");
    }
}
