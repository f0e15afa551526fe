using Microsoft.AspNetCore.Components;
using MudBlazor;
using Switchboard.Infrastructure.ApiKeys;
using Switchboard.Portal.Components;

namespace Switchboard.Portal.Features.ApiKeys;

/// <summary>The API keys: the list, Create (in a dialog that shows the key once) and Revoke.</summary>
public sealed partial class ApiKeysPage
{
    [Inject] private ApiKeyService ApiKeys { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;

    private IReadOnlyList<ApiKeyView>? _keys;

    protected override Task OnInitializedAsync() => ReloadAsync();

    private async Task ReloadAsync() => _keys = await ApiKeys.ListAsync(Aborted);

    private async Task CreateAsync()
    {
        var dialog = await Dialogs.ShowAsync<CreateApiKeyDialog>("Create API key",
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, BackdropClick = false });
        await dialog.Result;
        await ReloadAsync();
    }

    private async Task RevokeAsync(ApiKeyView key)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Revoke API key",
            $"Revoke '{key.Name}'? Machines using it get 401 from their next request. This cannot be undone.",
            yesText: "Revoke", cancelText: "Cancel");
        if (confirmed != true)
        {
            return;
        }

        await AttemptAsync(async () =>
        {
            await ApiKeys.RevokeAsync(await UserAsync(), key.Id, Aborted);
            Snackbar.Add($"API key '{key.Name}' revoked.", Severity.Success);
        });

        await ReloadAsync();
    }
}
