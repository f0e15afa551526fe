using Microsoft.AspNetCore.Components;
using MudBlazor;
using Switchboard.Domain.Listeners;
using Switchboard.Domain.Notifications;
using Switchboard.Domain.Text;
using Switchboard.Infrastructure.Incidents;

namespace Switchboard.Portal.Components.Layout;

public sealed partial class IncidentStrip
{
    /// <summary>How often an open page asks again (the reader answers from its cache in between).</summary>
    private static readonly TimeSpan Refresh = TimeSpan.FromSeconds(3);

    private OpenIncidents? _incidents;

    [Inject] private IncidentReader Reader { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        _incidents = await Reader.ReadAsync(Aborted);
        _ = FollowAsync();
    }

    private async Task FollowAsync()
    {
        using var timer = new PeriodicTimer(Refresh, Clock);
        try
        {
            while (await timer.WaitForNextTickAsync(Aborted))
            {
                var latest = await Reader.ReadAsync(Aborted);
                if (_incidents is null || Describe(latest) != Describe(_incidents))
                {
                    _incidents = latest;
                    await InvokeAsync(StateHasChanged);
                }
            }
        }
        catch (OperationCanceledException) when (Aborted.IsCancellationRequested)
        {
        }
    }

    private static string Describe(OpenIncidents incidents) => string.Join('\n', Items(incidents).Select(i => i.Text));

    private sealed record Item(string Text, string Href, string Icon, Color Color);

    private static IEnumerable<Item> Items(OpenIncidents incidents)
    {
        if (incidents.DownDeployments > 0)
        {
            yield return new(Plural.Of(incidents.DownDeployments, "deployment") + " Down", PageRoutes.ListenersIn(ListenerState.Down), Icons.Material.Filled.Error, Color.Error);
        }

        if (incidents.DegradedDeployments > 0)
        {
            yield return new(Plural.Of(incidents.DegradedDeployments, "deployment") + " Degraded", PageRoutes.ListenersIn(ListenerState.Degraded), Icons.Material.Filled.Warning, Color.Warning);
        }

        if (incidents.DeadMessages > 0)
        {
            yield return new(Plural.Of(incidents.DeadMessages, "dead message"), PageRoutes.DeliveryLog(MessageStatus.Dead), Icons.Material.Filled.MarkEmailUnread, Color.Error);
        }

        if (incidents.FailedChatOpsCalls > 0)
        {
            yield return new(Plural.Of(incidents.FailedChatOpsCalls, "failed ChatOps call"), PageRoutes.FailedChatOpsCalls, Icons.Material.Filled.Forum, Color.Error);
        }

        if (incidents.NewFailureGroups > 0)
        {
            yield return new(Plural.Of(incidents.NewFailureGroups, "new failure group") + " in 24 h", PageRoutes.Provisioning, Icons.Material.Filled.ReportProblem, Color.Warning);
        }

        if (incidents.TokenRunProblem is { } problem)
        {
            yield return new($"Last token run {problem.ToLowerInvariant()}", PageRoutes.MattermostTokens, Icons.Material.Filled.Key, Color.Warning);
        }

        if (incidents.FailedJobs.Count > 0)
        {
            yield return new(
                $"{Plural.Of(incidents.FailedJobs.Count, "background job")} failed: {string.Join(", ", incidents.FailedJobs)}",
                PageRoutes.BackgroundJobs, Icons.Material.Filled.Schedule, Color.Error);
        }
    }
}
