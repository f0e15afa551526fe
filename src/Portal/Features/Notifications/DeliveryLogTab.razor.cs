using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Switchboard.Domain.Access;
using Switchboard.Domain.Notifications;
using Switchboard.Domain.Text;
using Switchboard.Infrastructure.Access;
using Switchboard.Infrastructure.Changes;
using Switchboard.Infrastructure.Notifications;
using Switchboard.Portal.Components;

namespace Switchboard.Portal.Features.Notifications;

/// <summary>The delivery log: messages filtered and paged on the server, Resend of one, a selection or all that match.</summary>
public sealed partial class DeliveryLogTab
{
    [Inject] private NotificationTopicsService Topics { get; set; } = default!;
    [Inject] private DeliveryLogService DeliveryLog { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;

    [Inject] private QueryState Query { get; set; } = default!;

    private MudDataGrid<MessageRow>? _grid;
    private MessageFilter _filter = new();
    private HashSet<MessageRow> _selected = [];
    private IReadOnlyList<TopicRow> _topics = [];
    private int _matching;
    private bool _totalIsAtLeast;

    /// <summary>Whether the person may resend (Operator): asked once for the page, not by a component on every row.</summary>
    private bool _canResend;

    // The filters and the page are in the address, so a link ("dead messages for topic X") opens the same list.
    [SupplyParameterFromQuery(Name = "status")] public string? Status { get; set; }
    [SupplyParameterFromQuery(Name = "topic")] public string? Topic { get; set; }
    [SupplyParameterFromQuery(Name = "recipient")] public string? Recipient { get; set; }
    [SupplyParameterFromQuery(Name = QueryState.PageName)] public int? PageFromAddress { get; set; }

    protected override async Task OnInitializedAsync()
    {
        _filter = new MessageFilter(Enum.TryParse<MessageStatus>(Status, ignoreCase: true, out var status) ? status : null,
            string.IsNullOrWhiteSpace(Topic) ? null : Topic, string.IsNullOrWhiteSpace(Recipient) ? null : Recipient);
        _topics = await Topics.TopicsAsync(Aborted);
        _canResend = (await UserAsync()).Has(PortalRole.Operator);
        RefreshOn(ChangeKind.OutboxMessage, () => _grid.ReloadAsync());
    }

    private async Task<GridData<MessageRow>> LoadAsync(GridState<MessageRow> state, CancellationToken cancellationToken)
    {
        var page = await DeliveryLog.MessagesAsync(_filter, state.Page, state.PageSize, cancellationToken);
        _totalIsAtLeast = page.TotalIsAtLeast;
        if (_matching != page.TotalCount)
        {
            // The grid renders itself; the buttons above it belong to this component, which must render again to show the count.
            _matching = page.TotalCount;
            StateHasChanged();
        }

        return page.ToGridData();
    }

    private async Task FilterAsync(MessageFilter filter)
    {
        _filter = filter;
        Query.Replace(new Dictionary<string, object?>
        {
            ["status"] = filter.Status?.ToString(),
            ["topic"] = filter.Topic,
            ["recipient"] = string.IsNullOrWhiteSpace(filter.Recipient) ? null : filter.Recipient,
            [QueryState.PageName] = null,
        });
        await _grid.ReloadAsync();
    }

    private void OnPageChanged(int page) => Query.Replace(new Dictionary<string, object?> { [QueryState.PageName] = QueryState.PageNumber(page) });

    private Task ResendMatchingAsync() => ConfirmAndResendAsync(
        $"Send all {Plural.Of(Math.Min(_matching, DeliveryLogService.MaxResend), "message")} matching the filter again? Recipients who already got them receive them twice.",
        user => DeliveryLog.ResendMatchingAsync(user, _filter, Aborted));

    private Task ResendSelectedAsync() => ResendAsync(_selected.Select(m => m.Id).ToList());

    private Task ResendAsync(List<long> ids)
    {
        var (what, pronoun) = ids.Count == 1 ? ($"message {ids.First()}", "it") : ($"the {ids.Count} selected messages", "them");
        return ConfirmAndResendAsync(
            $"Send {what} again? Recipients who already got {pronoun} receive {pronoun} twice.",
            user => DeliveryLog.ResendAsync(user, ids, Aborted));
    }

    /// <summary>Every Resend asks first, then queues the messages again and reloads the grid.</summary>
    private async Task ConfirmAndResendAsync(string question, Func<ClaimsPrincipal, Task<int>> resend)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Resend messages", question, yesText: "Resend", cancelText: "Cancel");
        if (confirmed != true)
        {
            return;
        }

        await AttemptAsync(async () =>
        {
            var count = await resend(await UserAsync());
            Snackbar.Add($"{Plural.Of(count, "message")} queued again.", Severity.Success);
            _selected.Clear();
            await _grid.ReloadAsync();
        });
    }

    private static Color StatusColor(MessageStatus status) => status switch
    {
        MessageStatus.Sent => Color.Success,
        MessageStatus.Pending => Color.Info,
        MessageStatus.Failed => Color.Warning,
        _ => Color.Error,
    };
}
