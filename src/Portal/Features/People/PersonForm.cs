using Switchboard.Domain.People;

namespace Switchboard.Portal.Features.People;

/// <summary>The person editor's model: a mutable copy of a draft for the form to bind to.</summary>
public sealed class PersonForm
{
    public string Username { get; set; } = "";
    public string? Email { get; set; }
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public string? ExternalCode { get; set; }
    public string? State { get; set; }
    public bool Disabled { get; set; }
    public string? FormProjection { get; set; }
    public string? Manager { get; set; }
    public IReadOnlyCollection<string> Roles { get; set; } = [];
    public List<AttributeRow> Attributes { get; set; } = [];
    public bool MattermostSyncEnabled { get; set; }

    public static PersonForm From(PersonDraft draft) => new()
    {
        Username = draft.Username,
        Email = draft.Email,
        FirstName = draft.FirstName,
        LastName = draft.LastName,
        ExternalCode = draft.ExternalCode,
        State = draft.State,
        Disabled = draft.Disabled,
        FormProjection = draft.FormProjection,
        Manager = draft.Manager,
        Roles = draft.Roles.ToList(),
        Attributes = draft.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => new AttributeRow { Code = a.Key, Value = a.Value }).ToList(),
        MattermostSyncEnabled = draft.MattermostSyncEnabled,
    };

    public PersonDraft ToDraft() => new()
    {
        Username = Username,
        Email = Email,
        FirstName = FirstName,
        LastName = LastName,
        ExternalCode = ExternalCode,
        State = State,
        Disabled = Disabled,
        FormProjection = FormProjection,
        Manager = string.IsNullOrWhiteSpace(Manager) ? null : Manager,
        Roles = Roles.ToList(),
        Attributes = Attributes
            .Where(a => !string.IsNullOrWhiteSpace(a.Code))
            .GroupBy(a => a.Code.Trim(), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal),
        MattermostSyncEnabled = MattermostSyncEnabled,
    };
}

/// <summary>One editable extended attribute row.</summary>
public sealed class AttributeRow
{
    public string Code { get; set; } = "";
    public string Value { get; set; } = "";
}
