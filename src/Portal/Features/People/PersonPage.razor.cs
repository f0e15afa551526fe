using Microsoft.AspNetCore.Components;
using Switchboard.Domain.Audit;
using Switchboard.Domain.People;
using Switchboard.Infrastructure.Audit;
using Switchboard.Infrastructure.Mattermost;
using Switchboard.Infrastructure.People;
using Switchboard.Portal.Components;
using Switchboard.Portal.Features.Audit;

namespace Switchboard.Portal.Features.People;

/// <summary>One person: their details, the editor for Admins, their Mattermost token, and the latest audit entries about them.</summary>
public sealed partial class PersonPage
{
    [Inject] private PeopleService People { get; set; } = default!;
    [Inject] private AuditService Audit { get; set; } = default!;
    [Inject] private MattermostTokensService MattermostTokens { get; set; } = default!;

    private PersonDetails? _person;
    private IReadOnlyList<RoleSummary> _roles = [];
    private IReadOnlyList<AuditEntryView> _audit = [];
    private bool _loading = true;
    private bool _editing;

    [Parameter] public string Username { get; set; } = "";

    protected override async Task OnParametersSetAsync()
    {
        _editing = false;
        await LoadAsync(Username);
    }

    private async Task LoadAsync(string username)
    {
        _loading = true;
        _person = await People.GetAsync(username, Aborted);
        _roles = await People.RolesAsync(Aborted);
        _audit = _person is null ? [] : (await Audit.QueryAsync(new AuditFilter(ObjectType: PeopleService.ObjectType, ObjectId: _person.Draft.Username), 0, 10, Aborted)).Items;
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
