using Microsoft.AspNetCore.Components;
using MudBlazor;
using Switchboard.Infrastructure.Notifications;
using Switchboard.Portal.Components;

namespace Switchboard.Portal.Features.Notifications;

/// <summary>The configurations, filtered and paged on the server; enable/disable and delete for an Admin.</summary>
public sealed partial class ConfigurationsTab
{
    /// <summary>The tooltip of the flag on a configuration that did not fire in the last 30 days.</summary>
    public const string NeverFiredHint = "This configuration has not fired in the last 30 days. A rule that never matches is usually a typo: "
        + "check its attribute names and values, or run a backtest in the editor.";

    private static readonly Dictionary<string, ConfigurationSortColumn> SortColumns = new(StringComparer.Ordinal)
    {
        [nameof(ConfigurationStatistics.LastFiredAt)] = ConfigurationSortColumn.LastFired,
        [nameof(ConfigurationStatistics.FiredLast7Days)] = ConfigurationSortColumn.FiredLast7Days,
        [nameof(ConfigurationStatistics.FiredLast30Days)] = ConfigurationSortColumn.FiredLast30Days,
        [nameof(ConfigurationStatistics.SentLast30Days)] = ConfigurationSortColumn.Sent,
        [nameof(ConfigurationStatistics.FailedLast30Days)] = ConfigurationSortColumn.Failed,
        [nameof(ConfigurationStatistics.FailedEvaluations)] = ConfigurationSortColumn.FailedEvaluations,
    };

    [Inject] private NotificationTopicsService Topics { get; set; } = default!;
    [Inject] private NotificationConfigurationsService Configurations { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;

    private MudDataGrid<ConfigurationRow>? _grid;
    private ConfigurationQuery _query = new();
    private IReadOnlyList<TopicRow> _topics = [];

    protected override async Task OnInitializedAsync() => _topics = await Topics.TopicsAsync(Aborted);

    private async Task<GridData<ConfigurationRow>> LoadAsync(GridState<ConfigurationRow> state, CancellationToken cancellationToken) =>
        (await Configurations.ConfigurationsAsync(_query, state.Page, state.PageSize, cancellationToken, SortOf(state))).ToGridData();

    /// <summary>The grid's sort as the service takes it: a statistics column (the property name's last part), else by id.</summary>
    private static ConfigurationSort SortOf(GridState<ConfigurationRow> state) =>
        state.SortDefinitions.FirstOrDefault() is { } sort && SortColumns.TryGetValue(sort.SortBy.Split('.')[^1], out var column)
            ? new ConfigurationSort(column, sort.Descending)
            : ConfigurationSort.ById;

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
