using Microsoft.AspNetCore.Components;
using Switchboard.Domain.People;
using Switchboard.Infrastructure.Mattermost;
using Switchboard.Infrastructure.People;
using Switchboard.Portal.Components;

namespace Switchboard.Portal.Features.People;

/// <summary>One person: their details, the editor for Admins, their Mattermost token, and their timeline across every module.</summary>
public sealed partial class PersonPage
{
    [Inject] private PeopleService People { get; set; } = default!;
    [Inject] private MattermostTokensService MattermostTokens { get; set; } = default!;

    private PersonDetails? _person;
    private IReadOnlyList<RoleSummary> _roles = [];
    private string? _loadedFor;
    private bool _loading = true;
    private bool _editing;

    [Parameter] public string Username { get; set; } = "";

    /// <summary>The timeline's module filter, kept in the address (<c>?module=ChatOps</c>).</summary>
    [SupplyParameterFromQuery(Name = "module")] public string? Module { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        // A new timeline filter changes only the query string: the person is not read again.
        if (_loadedFor == Username)
        {
            return;
        }

        _editing = false;
        await LoadAsync(Username);
        _loadedFor = Username;
    }

    private async Task LoadAsync(string username)
    {
        _loading = true;
        _person = await People.GetAsync(username, Aborted);
        _roles = await People.RolesAsync(Aborted);
        _loading = false;
    }

    private async Task OnSavedAsync(string username)
    {
        _editing = false;
        await LoadAsync(username);
    }

    private static string Title(PersonDraft draft) =>
        draft.FirstName is null && draft.LastName is null ? draft.Username : $"{draft.FirstName} {draft.LastName}".Trim();
}
