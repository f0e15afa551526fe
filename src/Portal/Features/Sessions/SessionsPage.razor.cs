using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Options;
using MudBlazor;
using Switchboard.Domain;
using Switchboard.Portal.Auth;

namespace Switchboard.Portal.Features.Sessions;

public sealed partial class SessionsPage
{
    private IReadOnlyList<SessionView>? _sessions;
    private string? _error;

    [Inject] private SessionsService Sessions { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private IOptions<PortalAuthenticationOptions> Settings { get; set; } = default!;

    [CascadingParameter] private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    private string Lifetime => Settings.Value.SessionLifetime.TotalHours is var hours && hours == Math.Floor(hours)
        ? $"{hours:0} {(hours == 1 ? "hour" : "hours")}"
        : Settings.Value.SessionLifetime.ToString();

    protected override Task OnInitializedAsync() => ReloadAsync();

    private async Task ReloadAsync()
    {
        try
        {
            _sessions = await Sessions.ListActiveAsync((await AuthenticationState).User, CancellationToken.None);
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

        try
        {
            await Sessions.RevokeAsync((await AuthenticationState).User, session.Id, CancellationToken.None);
            Snackbar.Add($"Session of {session.UserName} revoked.", Severity.Success);
        }
        catch (Exception ex) when (ex is AccessDeniedException or NotFoundException)
        {
            Snackbar.Add(ex.Message, Severity.Error);
        }

        await ReloadAsync();
    }
}
