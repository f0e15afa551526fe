using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Switchboard.Infrastructure.Mattermost;
using Switchboard.Portal.Components;

namespace Switchboard.Portal.Features.Mattermost;

/// <summary>Regenerate and Revoke of one person's Mattermost token, each confirmed first.</summary>
public sealed partial class PersonTokenActions
{
    [Inject] private MattermostTokensService Tokens { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;

    [Parameter, EditorRequired] public string Username { get; set; } = "";
    [Parameter] public bool HasToken { get; set; }

    /// <summary>Why the eligibility rule gives this person no token: then there is no Regenerate (the server refuses it too).</summary>
    [Parameter] public string? NotEligibleBecause { get; set; }

    /// <summary>Raised after an action, so the page can show the new token state.</summary>
    [Parameter] public EventCallback Changed { get; set; }

    private Task RegenerateAsync() => ActAsync("Regenerate token",
        $"Revoke {Username}'s token in Mattermost and create a new one? Apps using the old token stop working.", "Regenerate",
        user => Tokens.RegenerateAsync(user, Username, Aborted));

    private Task RevokeAsync() => ActAsync("Revoke token",
        $"Revoke {Username}'s token in Mattermost and clear it here? While chat sync stays on, the next run creates a new one.", "Revoke",
        user => Tokens.RevokeAsync(user, Username, Aborted));

    private async Task ActAsync(string title, string question, string yes, Func<ClaimsPrincipal, Task<string>> act)
    {
        if (await Dialogs.ShowMessageBoxAsync(title, question, yesText: yes, cancelText: "Cancel") != true)
        {
            return;
        }

        await AttemptAsync(async () =>
        {
            try
            {
                Snackbar.Add($"{Username}: {await act(await UserAsync())}.", Severity.Success);
            }
            catch (Exception ex) when (ex is InvalidOperationException or MattermostApiException or HttpRequestException)
            {
                Snackbar.Add($"{Username}: {ex.Message}", Severity.Error);
            }
        });

        await Changed.InvokeAsync();
    }
}
