namespace Switchboard.Infrastructure.Incidents;

/// <summary>What needs a person's attention right now, across every module; all zero/null when nothing does.</summary>
/// <param name="DownDeployments">Exchange Listener deployments whose state is Down.</param>
/// <param name="DegradedDeployments">Deployments whose state is Degraded.</param>
/// <param name="DeadMessages">Notification messages that ran out of attempts.</param>
/// <param name="FailedChatOpsCalls">ChatOps calls GLPI failed with no retry left.</param>
/// <param name="NewFailureGroups">Provisioning failure groups first seen in the last 24 hours.</param>
/// <param name="TokenRunProblem">The last token run's status when it failed or was skipped, else null.</param>
/// <param name="FailedJobs">Background jobs whose last run failed.</param>
public sealed record OpenIncidents(
    int DownDeployments,
    int DegradedDeployments,
    int DeadMessages,
    int FailedChatOpsCalls,
    int NewFailureGroups,
    string? TokenRunProblem,
    IReadOnlyList<string> FailedJobs)
{
    public bool Quiet =>
        DownDeployments == 0 && DegradedDeployments == 0 && DeadMessages == 0 && FailedChatOpsCalls == 0 && NewFailureGroups == 0
        && TokenRunProblem is null && FailedJobs.Count == 0;
}
