using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;
using Switchboard.Infrastructure.Notifications;
using ValidationException = FluentValidation.ValidationException;

namespace Switchboard.Portal.Features.Notifications;

/// <summary>Reads an exported code-list document, shows what importing it would change, and applies it on request.</summary>
public sealed partial class CodeListImportPage
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    [Inject] private CodeListTransferService CodeLists { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    private CodeListDocument? _document;
    private CodeListDifference? _difference;
    private List<string> _errors = [];

    private async Task ReadAsync(IBrowserFile? file)
    {
        (_document, _difference, _errors) = (null, null, []);
        if (file is null)
        {
            return;
        }

        try
        {
            await using var stream = file.OpenReadStream(5 * 1024 * 1024, Aborted);
            _document = await JsonSerializer.DeserializeAsync<CodeListDocument>(stream, Json, Aborted) ?? throw new JsonException("The file is empty.");
            _difference = await CodeLists.PreviewImportAsync(_document, Aborted);
        }
        catch (JsonException malformed)
        {
            _errors = [$"not a code-list document: {malformed.Message}"];
        }
        catch (ValidationException invalid)
        {
            _errors = Listed(invalid);
        }
        catch (IOException tooBig)
        {
            _errors = [tooBig.Message];
        }
    }

    private async Task ApplyAsync() => await AttemptAsync(async () =>
    {
        try
        {
            await CodeLists.ImportAsync(await UserAsync(), _document!, Aborted);
            Snackbar.Add("Code lists imported.", Severity.Success);
            Navigation.NavigateTo(PageRoutes.Notifications);
        }
        catch (ValidationException invalid)
        {
            // The document's messages are listed one by one with their path (topics[2].Subject), not grouped by field.
            _errors = Listed(invalid);
        }
    });

    private static List<string> Listed(ValidationException invalid) => invalid.Errors.Select(e => $"{e.PropertyName}: {e.ErrorMessage}").ToList();
}
