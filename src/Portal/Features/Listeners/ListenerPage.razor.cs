using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;
using Switchboard.Domain.Listeners;
using Switchboard.Domain.Text;
using Switchboard.Infrastructure.Changes;
using Switchboard.Infrastructure.Listeners;
using Switchboard.Portal.Components;

namespace Switchboard.Portal.Features.Listeners;

/// <summary>One Exchange Listener deployment: its state, its last day's latency and states, its Creatio settings, the last answer's body and its checks paged on the server.</summary>
public sealed partial class ListenerPage
{
    [Inject] private ListenersService Listeners { get; set; } = default!;
    [Inject] private IJSRuntime JS { get; set; } = default!;

    private MudDataGrid<CheckRow>? _grid;
    private DeploymentView? _deployment;
    private LatencyHistory? _history;
    private CreatioSettingsView? _settings;
    private IReadOnlyList<KeyValuePair<string, string>>? _lastBody;
    private bool _loaded;
    private bool _checking;

    [Parameter] public string Name { get; set; } = "";

    protected override void OnInitialized() => RefreshOn(ChangeKind.ListenerState, async () =>
    {
        _deployment = await Listeners.DeploymentAsync(Name, Aborted);
        _history = await Listeners.LastDayAsync(Name, Aborted);
        await _grid.ReloadAsync();
    });

    protected override async Task OnParametersSetAsync()
    {
        _deployment = await Listeners.DeploymentAsync(Name, Aborted);
        _history = _deployment is null ? null : await Listeners.LastDayAsync(Name, Aborted);
        _settings = Listeners.Settings(Name);
        _loaded = true;
    }

    private async Task<GridData<CheckRow>> LoadChecksAsync(GridState<CheckRow> state, CancellationToken cancellationToken)
    {
        var page = await Listeners.ChecksAsync(Name, state.Page, state.PageSize, cancellationToken);
        if (state.Page == 0)
        {
            _lastBody = JsonText.Fields(page.Items.FirstOrDefault(c => c.Body is not null)?.Body);
            await InvokeAsync(StateHasChanged);
        }

        return page.ToGridData();
    }

    private async Task CheckNowAsync()
    {
        _checking = true;
        await AttemptAsync(async () =>
        {
            var check = await Listeners.CheckNowAsync(await UserAsync(), Name, Aborted);
            Snackbar.Add($"{Name}: {check.State}.", check.State == ListenerState.Up ? Severity.Success : Severity.Warning);
        });
        _checking = false;

        _deployment = await Listeners.DeploymentAsync(Name, Aborted);
        _history = await Listeners.LastDayAsync(Name, Aborted);
        await _grid.ReloadAsync();
    }

    private async Task CopyAsync(string value)
    {
        await JS.InvokeVoidAsync("navigator.clipboard.writeText", value);
        Snackbar.Add("Copied.", Severity.Info);
    }
}
