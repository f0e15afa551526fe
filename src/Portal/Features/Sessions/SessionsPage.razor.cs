using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using MudBlazor;
using Switchboard.Domain;
using Switchboard.Infrastructure.Access;
using Switchboard.Infrastructure.Sessions;
using Switchboard.Portal.Auth;
using Switchboard.Portal.Components;

namespace Switchboard.Portal.Features.Sessions;

public sealed partial class SessionsPage
{
    private IReadOnlyList<SessionView>? _sessions;
    private string? _error;

    [Inject] private SessionsService Sessions { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private IOptions<PortalAuthenticationOptions> Settings { get; set; } = default!;

    private string Lifetime => Settings.Value.SessionLifetime.TotalHours is var hours && hours == Math.Floor(hours)
        ? $"{hours:0} {(hours == 1 ? "hour" : "hours")}"
        : Settings.Value.SessionLifetime.ToString();

    protected override Task OnInitializedAsync() => ReloadAsync();

    private async Task ReloadAsync()
    {
        // A refusal here has no action to undo: the page says it in place of the list.
        try
        {
            _sessions = await Sessions.ListActiveAsync(await UserAsync(), Aborted);
        }
        catch (AccessDeniedException denied)
        {
            _sessions = [];
            _error = denied.Message;
        }
    }

    private async Task RevokeAsync(SessionView session)
    {
        var whose = session.IsCurrent ? "your own session (you will be signed out)" : $"the session of {session.UserName}";
        var confirmed = await Dialogs.ShowMessageBoxAsync("Revoke session",
            $"End {whose}, signed in since {session.CreatedAt:yyyy-MM-dd HH:mm}? Its next request needs a new sign-in.",
            yesText: "Revoke", cancelText: "Cancel");
        if (confirmed != true)
        {
            return;
        }

        await AttemptAsync(async () =>
        {
            await Sessions.RevokeAsync(await UserAsync(), session.Id, Aborted);
            Snackbar.Add($"Session of {session.UserName} revoked.", Severity.Success);
        });

        await ReloadAsync();
    }
}
