using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;
using Switchboard.Infrastructure.ChatOps;
using Switchboard.Portal.Components;

namespace Switchboard.Portal.Features.ChatOps;

/// <summary>Creates or edits a Mattermost-to-GLPI bridge: its form, Test connection, Delete, and the callback URL to copy.</summary>
public sealed partial class BridgeEditorPage
{
    [Inject] private ChatOpsService ChatOps { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private IJSRuntime JS { get; set; } = default!;

    private BridgeForm _form = new();
    private Dictionary<string, string> _errors = [];
    private bool _loaded;
    private bool _saving;
    private bool _testing;
    private (bool Ok, string Message)? _test;

    [Parameter] public string? Name { get; set; }

    /// <summary>The list this editor was opened from (its filters), where Save and Delete return.</summary>
    [SupplyParameterFromQuery(Name = QueryState.ReturnUrlName)] public string? ReturnUrl { get; set; }

    private string ListHref => QueryState.ReturnTo(ReturnUrl, PageRoutes.ChatOps);

    private string WebhookUrl => MattermostHook.UrlOf(Navigation.BaseUri, string.IsNullOrWhiteSpace(_form.Name) ? "<name>" : _form.Name.Trim().ToLowerInvariant());

    protected override async Task OnParametersSetAsync()
    {
        if (Name is not null)
        {
            _form = await ChatOps.FormAsync(Name, Aborted) ?? new BridgeForm();
        }

        _loaded = true;
    }

    private bool Has(string field) => _errors.ContainsKey(field);

    private string? Of(string field) => _errors.GetValueOrDefault(field);

    private async Task SaveAsync()
    {
        _saving = true;
        await AttemptAsync(async () =>
        {
            var name = await ChatOps.SaveAsync(await UserAsync(), Name, _form, Aborted);
            Snackbar.Add($"Bridge {name} saved.", Severity.Success);
            Navigation.NavigateTo(ListHref);
        }, invalid => _errors = new(invalid));
        _saving = false;
    }

    private async Task TestAsync()
    {
        _testing = true;
        await AttemptAsync(async () => _test = await ChatOps.TestConnectionAsync(await UserAsync(), Name, _form, Aborted));
        _testing = false;
    }

    private async Task DeleteAsync()
    {
        if (await Dialogs.ShowMessageBoxAsync("Delete bridge", $"Delete bridge {Name} and its call log? Mattermost's webhook then gets 401.", yesText: "Delete", cancelText: "Cancel") != true)
        {
            return;
        }

        await AttemptAsync(async () =>
        {
            await ChatOps.DeleteAsync(await UserAsync(), Name!, Aborted);
            Snackbar.Add($"Bridge {Name} deleted.", Severity.Success);
            Navigation.NavigateTo(ListHref);
        });
    }

    private async Task CopyAsync()
    {
        await JS.InvokeVoidAsync("navigator.clipboard.writeText", WebhookUrl);
        Snackbar.Add("Callback URL copied.", Severity.Info);
    }
}
