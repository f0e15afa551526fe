namespace Switchboard.Domain.People;

/// <summary>
/// What any way in (identity event, API, CSV, the edit form) says a person should look like. Upserting a draft
/// sets every field it carries; the Mattermost token fields are never part of a draft.
/// </summary>
public sealed record PersonDraft
{
    public string Username { get; init; } = "";
    public string? Email { get; init; }
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public string? ExternalCode { get; init; }
    public string? State { get; init; }
    public bool Disabled { get; init; }
    public string? FormProjection { get; init; }

    /// <summary>The manager's username, or null for none.</summary>
    public string? Manager { get; init; }
    public IReadOnlyList<string> Roles { get; init; } = [];
    public IReadOnlyDictionary<string, string> Attributes { get; init; } = new Dictionary<string, string>();
    public bool MattermostSyncEnabled { get; init; }

    /// <summary>The draft that describes a stored person as they are (their manager must be loaded).</summary>
    public static PersonDraft Of(Person person) => new()
    {
        Username = person.Username,
        Email = person.Email,
        FirstName = person.FirstName,
        LastName = person.LastName,
        ExternalCode = person.ExternalCode,
        State = person.State,
        Disabled = person.Disabled,
        FormProjection = person.FormProjection,
        Manager = person.Manager?.Username,
        Roles = person.Roles.Select(r => r.Code).Order(StringComparer.Ordinal).ToList(),
        Attributes = person.Attributes.ToDictionary(a => a.Code, a => a.Value, StringComparer.Ordinal),
        MattermostSyncEnabled = person.MattermostSyncEnabled,
    };
}
