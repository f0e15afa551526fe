using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Switchboard.Domain.Text;
using Switchboard.Infrastructure.Changes;
using Switchboard.Infrastructure.Provisioning;
using Switchboard.Portal.Components;

namespace Switchboard.Portal.Features.Provisioning;

/// <summary>
/// Provisioning errors: failure groups, the envelopes grid paged on the server with its filters, and the bulk actions
/// (rerun, resolve, archive, restore) with a progress bar and Stop.
/// </summary>
public sealed partial class ProvisioningPage
{
    [Inject] private ProvisioningService Provisioning { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private QueryState Query { get; set; } = default!;

    private MudDataGrid<EnvelopeRow>? _grid;
    private CaptureView? _capture;
    private IReadOnlyList<FailureGroupRow> _groups = [];
    private IReadOnlyList<FailureGroupRow> _allGroups = [];
    private IReadOnlyList<string> _routingKeys = [];
    private bool _onlyOpenGroups = true;
    private EnvelopeFilter _filter = new();
    private HashSet<EnvelopeRow> _selected = [];
    private int _matching;
    private bool _matchingIsAtLeast;
    private BulkProgress? _bulk;
    private CancellationTokenSource? _bulkCancel;

    // The filters and the page are in the address, so Back and a shared link ("this failure group") show the same list.
    [SupplyParameterFromQuery(Name = "group")] public long? GroupFromAddress { get; set; }
    [SupplyParameterFromQuery(Name = "state")] public string? StateFromAddress { get; set; }
    [SupplyParameterFromQuery(Name = "status")] public int? StatusFromAddress { get; set; }
    [SupplyParameterFromQuery(Name = "errorType")] public string? ErrorTypeFromAddress { get; set; }
    [SupplyParameterFromQuery(Name = "routingKey")] public string? RoutingKeyFromAddress { get; set; }
    [SupplyParameterFromQuery(Name = "from")] public string? FromAddress { get; set; }

    /// <summary>The last day shown, included (yyyy-MM-dd).</summary>
    [SupplyParameterFromQuery(Name = "to")] public string? ToAddress { get; set; }

    [SupplyParameterFromQuery(Name = "search")] public string? SearchFromAddress { get; set; }
    [SupplyParameterFromQuery(Name = QueryState.PageName)] public int? PageFromAddress { get; set; }

    private IReadOnlyList<long> SelectedIds => _selected.Select(e => e.Id).ToList();

    private string MatchingText => _matchingIsAtLeast ? $"{_matching:N0}+" : _matching.ToString("N0", CultureInfo.CurrentCulture);

    protected override async Task OnInitializedAsync()
    {
        _filter = FilterInAddress();
        _capture = Provisioning.Capture();
        _routingKeys = await Provisioning.RoutingKeysAsync(Aborted);
        await LoadGroupsAsync();
        RefreshOn(ChangeKind.Envelope, ReloadAsync);
    }

    private async Task OnlyOpenGroupsAsync(bool onlyOpen)
    {
        _onlyOpenGroups = onlyOpen;
        await LoadGroupsAsync();
    }

    private async Task LoadGroupsAsync()
    {
        _allGroups = await Provisioning.GroupsAsync(onlyOpen: false, Aborted);
        _groups = _onlyOpenGroups ? _allGroups.Where(g => g.Open > 0).ToList() : _allGroups;
    }

    private async Task<GridData<EnvelopeRow>> LoadAsync(GridState<EnvelopeRow> state, CancellationToken cancellationToken)
    {
        var page = await Provisioning.EnvelopesAsync(_filter, state.Page, state.PageSize, cancellationToken);
        (_matching, _matchingIsAtLeast) = (page.TotalCount, page.TotalIsAtLeast);
        await InvokeAsync(StateHasChanged); // the bulk buttons show the new count
        return page.ToGridData();
    }

    /// <summary>Back (or a link) to another group or filter: the address says which, the page follows.</summary>
    protected override async Task OnParametersSetAsync()
    {
        if (_grid is not null && FilterInAddress() is var inAddress && inAddress != _filter)
        {
            await FilterAsync(inAddress);
        }
    }

    private EnvelopeFilter FilterInAddress() => new(
        GroupFromAddress, StatusFromAddress, Blank(ErrorTypeFromAddress), Blank(RoutingKeyFromAddress),
        StateFromAddress is { } state && EnvelopeFilter.States.Contains(state) ? state : EnvelopeFilter.Open,
        QueryState.Day(FromAddress), QueryState.Day(ToAddress)?.AddDays(1), Blank(SearchFromAddress));

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private async Task FilterAsync(EnvelopeFilter filter)
    {
        var step = filter.GroupId != _filter.GroupId;
        _filter = filter;
        var address = new Dictionary<string, object?>
        {
            ["group"] = filter.GroupId,
            ["state"] = filter.State == EnvelopeFilter.Open ? null : filter.State,
            ["status"] = filter.StatusCode,
            ["errorType"] = filter.ErrorType,
            ["routingKey"] = filter.RoutingKey,
            ["from"] = QueryState.DayText(filter.From),
            ["to"] = QueryState.DayText(filter.To?.AddDays(-1)),
            ["search"] = Blank(filter.Search),
            [QueryState.PageName] = null,
        };
        if (step)
        {
            Query.Push(address);
        }
        else
        {
            Query.Replace(address);
        }

        _selected = [];
        await ReloadAsync();
    }

    private void OnPageChanged(int page) => Query.Replace(new Dictionary<string, object?> { [QueryState.PageName] = QueryState.PageNumber(page) });

    private async Task ReloadAsync()
    {
        await LoadGroupsAsync();
        await _grid.ReloadAsync();
    }

    private Task ShowGroupAsync(FailureGroupRow group) => FilterAsync(_filter with { GroupId = group.Id });

    private async Task RerunGroupAsync(FailureGroupRow group) =>
        await RerunAsync(await Provisioning.IdsAsync(new EnvelopeFilter(GroupId: group.Id), Aborted), $"the open envelopes of \"{group.Title}\"");

    private async Task ResolveGroupAsync(FailureGroupRow group) =>
        await ResolveAsync(await Provisioning.IdsAsync(new EnvelopeFilter(GroupId: group.Id), Aborted));

    private async Task RerunMatchingAsync() => await RerunAsync(await Provisioning.IdsAsync(_filter, Aborted), "every matching envelope");

    /// <summary>Reruns one by one (the server paces them), skipping accounts that already succeeded since, with a progress bar.</summary>
    private async Task RerunAsync(IReadOnlyList<long> ids, string what)
    {
        // The same rule as the disabled buttons, checked again before anyone is asked to confirm.
        if (Provisioning.RerunsUnavailableBecause is { } off)
        {
            Snackbar.Add(off, Severity.Warning);
            return;
        }

        var fixedSince = await Provisioning.WithLaterSuccessAsync(ids, Aborted);
        var warning = fixedSince.Count == 0 ? "" : $" {fixedSince.Count:N0} of them belong to accounts that succeeded later; those are skipped, so nobody reruns a fixed case.";
        if (await Dialogs.ShowMessageBoxAsync("Rerun", $"Publish the original requests of {what} ({ids.Count:N0}) to the daemon again?{warning}", yesText: "Rerun", cancelText: "Cancel") != true)
        {
            return;
        }

        var user = await UserAsync();
        await RunBulkAsync("Rerunning", ids.Count - fixedSince.Count, async (done, token) =>
        {
            var (sent, refused, _, lastProblem) = await Provisioning.RerunManyAsync(user, ids, new InlineProgress<int>(done), token);
            Snackbar.Add($"{Plural.Of(sent, "rerun")} published{(refused > 0 ? $", {refused:N0} not sent ({lastProblem})" : "")}.", refused > 0 ? Severity.Warning : Severity.Success);
        });
    }

    private Task ResolveAsync(IReadOnlyList<long> ids) =>
        WithNoteAsync("Resolve", $"Resolve {Plural.Of(ids.Count, "envelope")}. What was done?", required: true, (user, note) =>
            RunBulkAsync("Resolving", ids.Count, async (done, token) =>
                Snackbar.Add($"{Plural.Of(await Provisioning.ResolveAsync(user, ids, note, new InlineProgress<int>(done), token), "envelope")} resolved.", Severity.Success)));

    private Task ArchiveAsync(IReadOnlyList<long> ids) =>
        WithNoteAsync("Archive", $"Archive {Plural.Of(ids.Count, "envelope")}? They leave the open list and can be restored.", required: false, (user, note) =>
            RunBulkAsync("Archiving", ids.Count, async (done, token) =>
                Snackbar.Add($"{Plural.Of(await Provisioning.ArchiveAsync(user, ids, note.Length == 0 ? null : note, new InlineProgress<int>(done), token), "envelope")} archived.", Severity.Success)));

    /// <summary>Asks for a note, then acts as the signed-in user; nothing happens when the dialog is cancelled.</summary>
    private async Task WithNoteAsync(string title, string question, bool required, Func<ClaimsPrincipal, string, Task> act)
    {
        if (await NoteDialog.AskAsync(Dialogs, title, question, required) is { } note)
        {
            await act(await UserAsync(), note);
        }
    }

    private async Task RestoreAsync(IReadOnlyList<long> ids)
    {
        var user = await UserAsync();
        await RunBulkAsync("Restoring", ids.Count, async (_, token) =>
            Snackbar.Add($"{Plural.Of(await Provisioning.RestoreAsync(user, ids, token), "envelope")} restored.", Severity.Success));
    }

    private void StopBulk() => _bulkCancel?.Cancel();

    /// <summary>
    /// Runs one bulk action with a progress bar: Stop (or leaving the page) cancels it and keeps what was done; a refusal
    /// becomes a snackbar. The grid and the groups load again afterwards.
    /// </summary>
    private async Task RunBulkAsync(string what, int total, Func<Action<int>, CancellationToken, Task> work)
    {
        _bulkCancel = CancellationTokenSource.CreateLinkedTokenSource(Aborted);
        var run = new BulkProgress(what, total);
        _bulk = run;
        try
        {
            await AttemptAsync(() => work(done =>
            {
                run.Done = done;
                _ = InvokeAsync(StateHasChanged);
            }, _bulkCancel.Token));
        }
        catch (OperationCanceledException)
        {
            Snackbar.Add($"{what} stopped after {run.Done:N0} of {total:N0}.", Severity.Info);
        }
        finally
        {
            _bulk = null;
            _bulkCancel.Dispose();
            _bulkCancel = null;
            _selected = [];
        }

        if (!Aborted.IsCancellationRequested)
        {
            await ReloadAsync();
        }
    }

    /// <summary>One bulk action's progress; a report arriving after the action ended changes only its own (unshown) object.</summary>
    private sealed class BulkProgress(string what, int total)
    {
        public string What { get; } = what;
        public int Total { get; } = total;
        public int Done { get; set; }
    }
}
