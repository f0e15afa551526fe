using Microsoft.AspNetCore.Components;
using MudBlazor;
using Switchboard.Domain.People;
using Switchboard.Infrastructure.People;
using Switchboard.Portal.Components;

namespace Switchboard.Portal.Features.People;

/// <summary>Edits one person (Admin); the service checks everything again and refuses anyone else.</summary>
public sealed partial class PersonEditor
{
    [Inject] private PeopleService People { get; set; } = default!;

    private PersonForm _form = new();
    private Dictionary<string, string> _errors = [];
    private bool _saving;

    [Parameter] public PersonDraft? Person { get; set; }
    [Parameter] public IReadOnlyList<RoleSummary> Roles { get; set; } = [];
    [Parameter] public EventCallback<string> OnSaved { get; set; }
    [Parameter] public EventCallback OnCancel { get; set; }

    private bool IsNew => Person is null;

    protected override void OnInitialized() => _form = Person is null ? new PersonForm() : PersonForm.From(Person);

    private bool HasError(string field) => _errors.ContainsKey(field);

    private string? ErrorOf(string field) => _errors.GetValueOrDefault(field);

    private async Task<IEnumerable<string>> SearchManagersAsync(string? prefix, CancellationToken cancellationToken) =>
        await People.UsernamesAsync(prefix, cancellationToken);

    private async Task SaveAsync()
    {
        _saving = true;
        await AttemptAsync(async () =>
        {
            var result = await People.SaveAsync(await UserAsync(), _form.ToDraft(), Aborted);
            _errors = result.Errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.First().Message);
            if (result.Succeeded)
            {
                Snackbar.Add($"{_form.Username} saved.", Severity.Success);
                await OnSaved.InvokeAsync(_form.Username.Trim());
            }
        });
        _saving = false;
    }
}
