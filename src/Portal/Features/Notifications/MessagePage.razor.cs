using Microsoft.AspNetCore.Components;
using MudBlazor;
using Switchboard.Domain.Notifications;
using Switchboard.Infrastructure.Changes;
using Switchboard.Infrastructure.Notifications;
using Switchboard.Portal.Components;

namespace Switchboard.Portal.Features.Notifications;

/// <summary>
/// One message of the delivery log: whom it went to (linked to their person), the event and configuration it came from,
/// what is stored of its attempts, its bodies, and Resend (Operator, confirmed, audited by the delivery log's Resend). Live.
/// </summary>
public sealed partial class MessagePage
{
    [Inject] private DeliveryLogService DeliveryLog { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;

    private MessageDetail? _detail;
    private bool _loaded;
    private bool _resending;

    [Parameter] public long Id { get; set; }

    protected override void OnInitialized() => RefreshOn(ChangeKind.OutboxMessage, LoadAsync);

    protected override Task OnParametersSetAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        _detail = await DeliveryLog.DetailAsync(Id, Aborted);
        _loaded = true;
    }

    private async Task ResendAsync()
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Resend message",
            $"Send message {Id} again? If {_detail!.Message.RecipientEmail} already got it, they receive it twice.", yesText: "Resend", cancelText: "Cancel");
        if (confirmed != true)
        {
            return;
        }

        _resending = true;
        await AttemptAsync(async () =>
        {
            await DeliveryLog.ResendAsync(await UserAsync(), [Id], Aborted);
            Snackbar.Add("Message queued again: it goes out at the sender's next run.", Severity.Success);
            await LoadAsync();
        });
        _resending = false;
    }

    private static string? NextStep(OutboxMessage message) => message.Status switch
    {
        MessageStatus.Pending => $"goes out at the sender's next run (from {message.NextAttemptAt:yyyy-MM-dd HH:mm:ss} UTC)",
        MessageStatus.Failed => $"next attempt at {message.NextAttemptAt:yyyy-MM-dd HH:mm:ss} UTC",
        MessageStatus.Dead => "no more attempts: Resend sends it again",
        _ => null,
    };

    private static Color StatusColor(MessageStatus status) => status switch
    {
        MessageStatus.Sent => Color.Success,
        MessageStatus.Failed => Color.Warning,
        MessageStatus.Dead => Color.Error,
        _ => Color.Default,
    };
}
