using Microsoft.Extensions.Options;

namespace Switchboard.Infrastructure.Jobs;

/// <summary>Re-reads every <see cref="JobsOptions.CoordinationInterval"/>, on SQLite and PostgreSQL alike.</summary>
public sealed class PolledJobStateChanges(IOptions<JobsOptions> options, TimeProvider time) : IJobStateChanges
{
    public Task WaitAsync(string jobName, CancellationToken cancellationToken) =>
        Task.Delay(options.Value.CoordinationInterval, time, cancellationToken);
}
