using Microsoft.AspNetCore.Components;
using MudBlazor;
using Switchboard.Infrastructure.Notifications;
using Switchboard.Portal.Components;

namespace Switchboard.Portal.Features.Notifications;

/// <summary>The configurations, filtered and paged on the server; enable/disable and delete for an Admin.</summary>
public sealed partial class ConfigurationsTab
{
    [Inject] private NotificationTopicsService Topics { get; set; } = default!;
    [Inject] private NotificationConfigurationsService Configurations { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;

    private MudDataGrid<ConfigurationRow>? _grid;
    private ConfigurationQuery _query = new();
    private IReadOnlyList<TopicRow> _topics = [];

    protected override async Task OnInitializedAsync() => _topics = await Topics.TopicsAsync(Aborted);

    private async Task<GridData<ConfigurationRow>> LoadAsync(GridState<ConfigurationRow> state, CancellationToken cancellationToken) =>
        (await Configurations.ConfigurationsAsync(_query, state.Page, state.PageSize, cancellationToken)).ToGridData();

    private async Task FilterAsync(ConfigurationQuery query)
    {
        _query = query;
        await _grid.ReloadAsync();
    }

    private async Task ToggleAsync(ConfigurationRow row, bool enabled)
    {
        await AttemptAsync(async () =>
        {
            await Configurations.SetDisabledAsync(await UserAsync(), row.Id, !enabled, Aborted);
            Snackbar.Add($"Configuration {row.Id} {(enabled ? "enabled" : "disabled")}.", Severity.Success);
        });
        await _grid.ReloadAsync();
    }

    private async Task DeleteAsync(ConfigurationRow row)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Delete configuration",
            $"Delete configuration {row.Id} ({row.Topic}, {row.Rule})? New events no longer send its e-mail; messages already queued stay in the delivery log.",
            yesText: "Delete", cancelText: "Cancel");
        if (confirmed != true)
        {
            return;
        }

        await AttemptAsync(async () =>
        {
            await Configurations.DeleteConfigurationAsync(await UserAsync(), row.Id, Aborted);
            Snackbar.Add($"Configuration {row.Id} deleted.", Severity.Success);
        });
        await _grid.ReloadAsync();
    }
}
