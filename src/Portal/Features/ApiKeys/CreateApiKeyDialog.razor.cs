using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;
using Switchboard.Infrastructure.ApiKeys;
using Switchboard.Portal.Components;

namespace Switchboard.Portal.Features.ApiKeys;

/// <summary>Creates an API key: name, scopes and expiry, then the key itself, shown only this once.</summary>
public sealed partial class CreateApiKeyDialog
{
    [Inject] private ApiKeyService ApiKeys { get; set; } = default!;
    [Inject] private FluentValidation.IValidator<CreateApiKeyRequest> Validator { get; set; } = default!;
    [Inject] private IJSRuntime JS { get; set; } = default!;

    private readonly CreateApiKeyRequest _request = new();
    private Dictionary<string, string> _errors = [];
    private CreatedApiKey? _created;
    private bool _saving;

    [CascadingParameter] private IMudDialogInstance Dialog { get; set; } = default!;

    private string? ErrorOf(string property) => _errors.GetValueOrDefault(property);

    private async Task CreateAsync()
    {
        var result = await Validator.ValidateAsync(_request);
        _errors = result.Errors.GroupBy(e => e.PropertyName.Split('[')[0]).ToDictionary(g => g.Key, g => g.First().ErrorMessage);
        if (!result.IsValid)
        {
            return;
        }

        _saving = true;
        await AttemptAsync(async () => _created = await ApiKeys.CreateAsync(await UserAsync(), _request, Aborted), invalid => _errors = new(invalid));
        _saving = false;
    }

    private async Task CopyAsync()
    {
        await JS.InvokeVoidAsync("navigator.clipboard.writeText", _created!.Secret);
        Snackbar.Add("Key copied to the clipboard.", Severity.Info);
    }
}
