using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;
using Switchboard.Domain.People;
using Switchboard.Domain.Text;
using Switchboard.Infrastructure.People;
using Switchboard.Portal.Components;

namespace Switchboard.Portal.Features.People;

/// <summary>Imports people from a CSV file: every problem of every row shown before anything is written, then one import.</summary>
public sealed partial class PeopleImportPage
{
    [Inject] private PeopleService People { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    private const int PreviewRows = 20;
    private const long MaxFileSize = 20 * 1024 * 1024;

    private IReadOnlyList<PersonDraft> _people = [];
    private IReadOnlyList<DirectoryError> _errors = [];
    private string? _fileName;
    private bool _reading;
    private bool _importing;

    private bool CanImport => _errors.Count == 0 && _people.Count > 0;

    private async Task ReadAsync(IBrowserFile? file)
    {
        if (file is null)
        {
            return;
        }

        _reading = true;
        _fileName = file.Name;
        try
        {
            using var text = new StreamReader(file.OpenReadStream(MaxFileSize));
            var read = await PeopleCsv.ReadAsync(text, Aborted);
            _people = read.People;
            // One read reports every problem of every row: the file's own and the directory's, in one numbering.
            _errors = await People.CheckImportAsync(read, Aborted);
        }
        catch (IOException tooBig)
        {
            _people = [];
            _errors = [new DirectoryError(-1, "file", tooBig.Message)];
        }
        finally
        {
            _reading = false;
        }
    }

    private async Task ImportAsync()
    {
        _importing = true;
        await AttemptAsync(async () =>
        {
            var result = await People.ImportAsync(await UserAsync(), _people, $"CSV import of {_fileName}", Aborted);
            if (result.Succeeded)
            {
                Snackbar.Add($"Imported {Plural.Of(_people.Count, "person", "people")}: {result.Created} new, {result.Updated} updated.", Severity.Success);
                Navigation.NavigateTo(PageRoutes.People);
                return;
            }

            _errors = result.Errors;
        });
        _importing = false;
    }

    private static string Where(DirectoryError error) => error.Index < 0 ? "header" : $"row {error.Index + 1}";
}
