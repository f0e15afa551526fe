using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.Domain.Mattermost;
using Switchboard.Infrastructure.Jobs;

namespace Switchboard.Infrastructure.Mattermost;

/// <summary>
/// The token job on its cron schedule (<c>Mattermost:Schedule</c>), paused and resumed like every background job; the only
/// place a token run happens, whether the schedule, the Background jobs page or the tokens page asked.
/// </summary>
public sealed class TokenRegenerationJob(
    IOptions<MattermostOptions> options, JobRegistry registry, IServiceScopeFactory scopes, TimeProvider time, ILogger<TokenRegenerationJob> logger)
    : PeriodicJob(Descriptor(options.Value), registry, scopes, time, logger)
{
    public const string Name = "token-regeneration";

    private static JobDescriptor Descriptor(MattermostOptions options) =>
        new(Name, "Gives people with Mattermost sync enabled a Mattermost access token, and rotates tokens that are about to expire.",
            TimeSpan.Zero, Cron: options.Schedule);

    protected override async Task<JobRunResult> RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var run = await services.GetRequiredService<TokenRegenerationRunner>().ExecuteAsync(TriggeredBy, cancellationToken);
        var counts = $"run {run.Id}: generated {run.Generated}, rotated {run.Rotated}, not found {run.NotFound}, failed {run.Failed}";
        return run.Status switch
        {
            TokenRunStatus.Skipped => JobRunResult.Skipped($"run {run.Id}: {run.Reason}"),
            TokenRunStatus.Failed => throw new InvalidOperationException($"run {run.Id} failed: {run.Reason}"),
            _ => JobRunResult.Succeeded(run.Status == TokenRunStatus.Cancelled ? $"{counts} (cancelled)" : counts),
        };
    }
}
