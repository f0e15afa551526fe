using Microsoft.AspNetCore.Components;
using MudBlazor;
using Switchboard.Domain.People;
using Switchboard.Infrastructure.People;

namespace Switchboard.Portal.Features.People;

/// <summary>The roles: their codes and names, and Rename for Admins.</summary>
public sealed partial class RolesPage
{
    [Inject] private PeopleService People { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;

    private IReadOnlyList<RoleSummary>? _roles;

    protected override async Task OnInitializedAsync() => _roles = await People.RolesAsync(Aborted);

    private async Task RenameAsync(RoleSummary role)
    {
        var dialog = await Dialogs.ShowAsync<RenameRoleDialog>($"Rename {role.Code}",
            new DialogParameters<RenameRoleDialog> { { d => d.CurrentName, role.Name } },
            new DialogOptions { MaxWidth = MaxWidth.ExtraSmall, FullWidth = true });
        if (await dialog.Result is not { Canceled: false, Data: string name })
        {
            return;
        }

        await AttemptAsync(async () =>
        {
            try
            {
                await People.RenameRoleAsync(await UserAsync(), role.Code, name, Aborted);
                Snackbar.Add($"{role.Code} is now called {name}.", Severity.Success);
                _roles = await People.RolesAsync(Aborted);
            }
            catch (ArgumentException unusable)
            {
                Snackbar.Add(unusable.Message, Severity.Error);
            }
        });
    }
}
